import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of DESIGN.md, as data: what each side may not import. An error, not a warning.
 * renderer -> shared; preload -> shared; main -> shared; backend -> shared. Only main/electron and
 * preload may import 'electron'. shared runs everywhere, so no Node built-ins and no DOM there.
 */
const side = (name) => ({ group: [`**/${name}/**`, `**/${name}`], message: `Layering: do not import from ${name}/ here (see docs/ARCHITECTURE.md).` });
const electron = { name: 'electron', message: "Layering: only main/electron/ and preload/ may import 'electron'." };
const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'better-sqlite3', 'pg', '@electric-sql/pglite', 'argon2', 'fastify', 'conf', 'electron-store', 'ws'];
const noNode = { group: nodeOnly, message: 'Layering: Node-only modules cannot be used on this side.' };

const layer = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.data/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'resident-web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['shared/**/*.ts'], { paths: [electron, { name: 'react', message: 'shared/ has no UI.' }], patterns: [side('main'), side('renderer'), side('preload'), side('backend'), noNode] }),
  layer(['renderer/**/*.{ts,tsx}'], { paths: [electron], patterns: [side('main'), side('preload'), side('backend'), side('resident-web'), noNode] }),
  layer(['preload/**/*.ts'], { patterns: [side('main'), side('renderer'), side('backend')] }),
  layer(['main/**/*.ts'], { paths: [electron], patterns: [side('renderer'), side('preload'), side('backend')] }),
  layer(['main/electron/**/*.ts'], { patterns: [side('renderer'), side('preload'), side('backend')] }),
  layer(['backend/**/*.ts'], { paths: [electron], patterns: [side('main'), side('renderer'), side('preload')] }),
  // The resident's web client runs in the resident's browser: shared/ only, like the renderer.
  layer(['resident-web/src/**/*.{ts,tsx}'], { paths: [electron], patterns: [side('main'), side('renderer'), side('preload'), noNode, { group: ['**/backend/*', '!**/resident-web/**'], message: 'Layering: the resident client talks to the backend over HTTP only.' }] }),
);
