/** Finds and serves the project's client-links WSDL (written by the SOAP layer), pointed at the simulator. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const WSDL_FILE = 'CustomerManagementService.v13.client-links.wsdl';

/** dist/wsdl next to the bundle, else src/core/soap/wsdl in the repository above this file. */
export function resolveWsdlPath(explicit?: string): string | undefined {
  if (explicit) {
    return existsSync(explicit) ? explicit : undefined;
  }
  const bundled = path.join(__dirname, 'wsdl', WSDL_FILE);
  if (existsSync(bundled)) {
    return bundled;
  }
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'src', 'core', 'soap', 'wsdl', WSDL_FILE);
    if (existsSync(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      break;
    }
    dir = parent;
  }
  return undefined;
}

/** The WSDL text with its soap:address pointed at `endpoint`, or undefined when there is no file. */
export function loadWsdl(endpoint: string, explicit?: string): string | undefined {
  const file = resolveWsdlPath(explicit);
  if (!file) {
    return undefined;
  }
  const text = readFileSync(file, 'utf8');
  return text.replace(/(<(?:\w+:)?address\b[^>]*\blocation=")[^"]*(")/g, `$1${endpoint}$2`);
}
