import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of docs/ARCHITECTURE.md, as data: what each side may not import. An error, not a warning.
 * renderer -> shared; preload -> shared; main -> shared; backend -> shared. Only main/electron and
 * preload may import 'electron'. shared runs everywhere, so no Node built-ins and no DOM there.
 */
const side = (name) => ({
  group: [`**/${name}/**`, `**/${name}`],
  message: `Layering: do not import from ${name}/ here (see docs/ARCHITECTURE.md).`,
});
const electron = { name: 'electron', message: "Layering: only main/electron/ and preload/ may import 'electron'." };
const nodeOnly = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'better-sqlite3-multiple-ciphers',
  'pg',
  '@electric-sql/pglite',
  'argon2',
  'fastify',
  'conf',
  'electron-store',
  'ws',
];
const noNode = { group: nodeOnly, message: 'Layering: Node-only modules cannot be used on this side.' };

// Inside main/: only main/cache/ talks to SQLite, and sync/ and queue/ meet only through the
// cache's "written" event (the queue index listens), never by importing each other.
const sqlite = {
  group: ['better-sqlite3-multiple-ciphers'],
  message: 'Only main/cache/ talks to SQLite: use its typed functions and ReadableDb/WritableDb.',
};
const mainLayer = [side('renderer'), side('preload'), side('backend')];
const onlyFocus = { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' };
const sqlKeywords = '/^\\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH|CREATE|DROP|ALTER|PRAGMA|EXPLAIN)\\s/';
const noSql = [
  onlyFocus,
  { selector: `Literal[value=${sqlKeywords}]`, message: 'SQL lives in main/cache/ only.' },
  { selector: `TemplateElement[value.raw=${sqlKeywords}]`, message: 'SQL lives in main/cache/ only.' },
  {
    selector:
      'CallExpression[callee.property.name=/^(prepare|exec|pragma|function|transaction)$/][callee.object.name=/^db$/i]',
    message: 'SQL lives in main/cache/ only.',
  },
];

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
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'resident-web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['shared/**/*.ts'], {
    paths: [electron, { name: 'react', message: 'shared/ has no UI.' }],
    patterns: [side('main'), side('renderer'), side('preload'), side('backend'), noNode],
  }),
  layer(['renderer/**/*.{ts,tsx}'], {
    paths: [electron],
    patterns: [side('main'), side('preload'), side('backend'), side('resident-web'), noNode],
  }),
  layer(['preload/**/*.ts'], { patterns: [side('main'), side('renderer'), side('backend')] }),
  layer(['main/**/*.ts'], { paths: [electron], patterns: [...mainLayer, sqlite] }),
  layer(['main/electron/**/*.ts'], { patterns: [...mainLayer, sqlite] }),
  layer(['main/cache/**/*.ts'], { paths: [electron], patterns: mainLayer }),
  layer(['main/sync/**/*.ts'], {
    paths: [electron],
    patterns: [
      ...mainLayer,
      sqlite,
      {
        group: ['**/queue/**', '!**/shared/queue/**'],
        message: 'sync/ does not know the queue: the queue index listens to cache writes.',
      },
    ],
  }),
  layer(['main/queue/**/*.ts'], {
    paths: [electron],
    patterns: [
      ...mainLayer,
      sqlite,
      {
        group: ['**/sync/**', '!**/shared/**'],
        message: 'queue/ does not know sync: it reads and writes through main/cache/.',
      },
    ],
  }),
  {
    files: ['main/**/*.ts'],
    ignores: ['main/cache/**', 'main/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noSql] },
  },
  layer(['backend/**/*.ts'], { paths: [electron], patterns: [side('main'), side('renderer'), side('preload')] }),
  // The resident's web client runs in the resident's browser: shared/ only, like the renderer.
  layer(['resident-web/src/**/*.{ts,tsx}'], {
    paths: [electron],
    patterns: [
      side('main'),
      side('renderer'),
      side('preload'),
      noNode,
      {
        group: ['**/backend/*', '!**/resident-web/**'],
        message: 'Layering: the resident client talks to the backend over HTTP only.',
      },
    ],
  }),
);
