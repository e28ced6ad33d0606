// Run before the unit tier (`npm run test:unit`): its conformance tests read Microsoft's reference
// files from ../shared/reference beside the clone (or $MSADS_SHARED_DIR/reference), which are never
// copied into the project. When they are missing, say so in one line and stop, instead of a screen
// of failing tests.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.MSADS_SHARED_DIR ? resolve(process.env.MSADS_SHARED_DIR) : resolve(root, '..', 'shared');
const needed = ['CustomerManagementService.v13.production.wsdl', 'customer-management-v13-rest.schema.json'];
const missing = needed.filter((f) => !existsSync(join(shared, 'reference', f)));
if (missing.length > 0) {
  console.error(
    `${process.env.npm_lifecycle_event ?? 'this tier'} needs Microsoft's reference files: looked in ${join(shared, 'reference')} (${process.env.MSADS_SHARED_DIR ? 'MSADS_SHARED_DIR' : '../shared beside the clone; set MSADS_SHARED_DIR to look elsewhere'}) and did not find ${missing.join(', ')}`,
  );
  process.exit(1);
}
