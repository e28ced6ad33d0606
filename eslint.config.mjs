import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'The core, CLI and simulator must not depend on vscode.' };
const NO_SOAP = { name: 'soap', message: 'node-soap is used at build time and by tests only (src/core/soap/writerPlanDerivation.ts).' };
const NO_SOAP_MODULES = { group: ['soap/*'], message: 'node-soap is used at build time and by tests only (src/core/soap/writerPlanDerivation.ts).' };
const FRONT_END_PATTERNS = [
  NO_SOAP_MODULES,
  {
    group: ['**/core/soap/*', '**/core/rest/*', '**/core/http/*', '**/core/service/clientLinksService', '**/core/service/index'],
    message: 'Load the service layer with loadServiceModule() (src/core/service/loadService.ts) so activation and CLI start-up never pay for it.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  // Rules that read the types: each TypeScript file is checked with the tsconfig.json nearest to it
  // (test/ui and test/packages have their own, with DOM types for code that runs in the page).
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) } } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A switch over a union names every member, so a new status, action or kind is a lint error where it is not handled.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'smart'],
      curly: 'error',
    },
  },
  {
    // The core must stay free of the VS Code API; node-soap is a build-time tool and test oracle only
    // (src/core/soap/writerPlanDerivation.ts), never imported by code that runs.
    files: ['src/core/**/*.ts', 'src/simulator/**/*.ts'],
    ignores: ['src/core/soap/writerPlanDerivation.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_VSCODE, NO_SOAP], patterns: [NO_SOAP_MODULES] }],
    },
  },
  {
    // The front ends reach the wire protocols only through loadService (dist/service.js, loaded on the first request).
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_SOAP], patterns: FRONT_END_PATTERNS }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE, NO_SOAP], patterns: FRONT_END_PATTERNS }] },
  },
  {
    // Scripts and benchmarks are plain JavaScript: no types to read.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
