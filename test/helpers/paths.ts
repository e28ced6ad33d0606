import * as path from 'node:path';

/** The repository root (tests run from out/test/..., sources from test/...). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

/** `../shared` beside the clone, or MSADS_SHARED_DIR. */
export const sharedDir = process.env.MSADS_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

export const referenceWsdlPath = path.join(sharedDir, 'reference', 'CustomerManagementService.v13.production.wsdl');
export const referenceSandboxWsdlPath = path.join(sharedDir, 'reference', 'CustomerManagementService.v13.sandbox.wsdl');
