/**
 * Where our WSDL lives at run time. Bundled (dist/service.js), the build copies it to `dist/wsdl`
 * beside the bundle; compiled (out/src/core/soap/*.js, tests), it stays in the source tree at
 * `src/core/soap/wsdl`; run from source (ts-node style), it is `./wsdl` beside this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const WSDL_FILE_NAME = 'CustomerManagementService.v13.client-links.wsdl';

/** Candidate paths, most specific first. Exported for tests. */
export function wsdlCandidates(dir: string = __dirname): string[] {
  const candidates = [path.join(dir, 'wsdl', WSDL_FILE_NAME)];
  const outMarker = `${path.sep}out${path.sep}`;
  const at = dir.lastIndexOf(outMarker);
  if (at >= 0) {
    // out/src/core/soap → src/core/soap (the compiled tree mirrors the sources under out/).
    const repo = dir.slice(0, at);
    const relative = dir.slice(at + outMarker.length);
    candidates.push(path.join(repo, relative, 'wsdl', WSDL_FILE_NAME));
  }
  return candidates;
}

let resolved: string | undefined;

/** The absolute path of the client-links WSDL; throws when the installation lacks it. */
export function resolveWsdlPath(): string {
  if (resolved) {
    return resolved;
  }
  const candidates = wsdlCandidates();
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(`The Customer Management WSDL is missing; looked in: ${candidates.join(', ')}`);
  }
  resolved = found;
  return found;
}
