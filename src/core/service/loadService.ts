/**
 * Loads the service layer on first use. In the bundles, `dist/service.js` (the protocol-neutral
 * service, the SOAP and REST adapters and the transport) sits beside `dist/extension.js` and `dist/cli.js` and is required only
 * when the first request is made, so activation never pays for it. Unbundled (compiled tests),
 * the module is `./index` beside this file. The path is computed so esbuild does not inline it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type ServiceModule = typeof import('./index');

let cached: ServiceModule | undefined;

export function loadServiceModule(): ServiceModule {
  if (!cached) {
    const bundled = path.join(__dirname, 'service.js');
    const target = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'index');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cached = require(target) as ServiceModule;
  }
  return cached;
}

/** Whether the service layer has been loaded in this process (tests assert activation does not load it). */
export function isServiceModuleLoaded(): boolean {
  return cached !== undefined;
}
