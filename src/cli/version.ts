/**
 * The version of msads-links, from package.json. esbuild inlines it into dist/cli.js (only this
 * member), so the bundle never reads package.json at run time.
 */
import { version } from '../../package.json';

export const VERSION: string = version;
