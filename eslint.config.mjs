// ESLint 9 flat config: typescript-eslint `recommended`, Prettier for formatting, and the two
// architecture rules of DEVELOPERS.md:
//   1. src/core/ stays pure — its layouts (src/core/layout) and operations (src/core/ops) too: no
//      Office.js (values or types), exceljs or other file readers/writers, React, DOM or Node;
//   2. only src/excel/ calls Excel.run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'querystring',
  'readline', 'stream', 'string_decoder', 'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads',
  'zlib',
];

const excelRunSelector = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.object.name='Excel'][callee.property.name='run']",
  message: 'Only src/excel/ may call Excel.run: go through HostOps (src/excel/host.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'dist-cli/**', 'node_modules/**', 'samples/**', 'coverage/**', 'test-results/**',
      'demo-output/**', 'bench-output/**', '**/.tmp*', '**/.tmp*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        // Browser, Node and jest globals are all legitimate somewhere in this repository; the
        // restrictions for src/core/ are below. TypeScript checks undefined names better anyway.
        console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly',
        __filename: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly',
        window: 'readonly', document: 'readonly', navigator: 'readonly', performance: 'readonly',
        Office: 'readonly', Excel: 'readonly', globalThis: 'readonly', structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-undef': 'off',
      // Domain code names full-width and non-breaking spaces on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipRegExps: true, skipTemplates: true, skipComments: true }],
      'no-useless-escape': 'warn',
      'no-control-regex': 'off',
      'prefer-const': 'warn',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'test/taskpane/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Only src/excel/ may call Excel.run.
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: ['src/excel/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-syntax': ['error', excelRunSelector] },
  },
  // src/core/ is pure TypeScript.
  {
    files: ['src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'src/core/ must not use Node built-ins.' })),
            { name: 'react', message: 'src/core/ must not use React.' },
            { name: 'react-dom', message: 'src/core/ must not use React.' },
            { name: 'exceljs', message: 'src/core/ must not read files: adapters build WorkbookData.' },
            { name: 'office-js', message: 'src/core/ must not use Office.' },
            // Readers and writers of files are the hosts' (src/cli): layouts and operations only
            // describe what to write and ask the port (src/core/ops/port.ts) to do it.
            ...['@e965/xlsx', 'xlsx', 'saxes', 'htmlparser2', 'yauzl', 'fflate', 'iconv-lite', 'commander', 'cli-progress'].map((name) => ({
              name,
              message: 'src/core/ (layouts and operations included) must not read or write files: that is a host\'s, behind the port.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/core/ must not use Node built-ins.' },
            { group: ['react/*', 'react-dom/*', '@fluentui/*'], message: 'src/core/ must not use React or Fluent UI.' },
            { group: ['@microsoft/office-js', '@microsoft/office-js/*', 'office-*'], message: 'src/core/ must not use Office.' },
            { group: ['exceljs/*', '@e965/xlsx/*'], message: 'src/core/ must not read or write files.' },
            { group: ['**/excel/*', '**/taskpane/*', '**/commands/*', '**/cli/*'], message: 'src/core/ must not depend on adapters.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Office', 'Excel', 'OfficeExtension', 'document', 'window', 'navigator', 'localStorage', 'sessionStorage',
          'fetch', 'XMLHttpRequest', 'process', 'require', 'Buffer', '__dirname', '__filename', 'globalThis'].map(
          (name) => ({ name, message: `src/core/ must stay pure: no ${name}.` }),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        excelRunSelector,
        {
          selector: "MemberExpression[object.name=/^(Office|Excel|OfficeExtension|document|window|process)$/]",
          message: 'src/core/ must stay pure: no Office, Excel, DOM or Node objects.',
        },
        {
          // Types too: a layout or an operation that took an `Excel.Range` would tie the core to
          // Office.js (the ambient types need no import, so no-restricted-imports cannot see them).
          selector: "TSQualifiedName[left.name=/^(Office|Excel|OfficeExtension|ExcelJS)$/]",
          message: 'src/core/ must not name Office.js or exceljs types: go through the port (src/core/ops/port.ts).',
        },
        {
          // Nor the platform's (DOM or Node) types: a cancellation is a CancelSignal (core/ops/errors.ts).
          selector: 'TSTypeReference[typeName.name=/^(AbortSignal|AbortController|Blob|File|Buffer|HTMLElement|Element|Document|Window|EventTarget)$/]',
          message: 'src/core/ must not name DOM or Node types: describe what it needs (e.g. CancelSignal in src/core/ops/errors.ts).',
        },
        {
          selector: "CallExpression[callee.name='require']",
          message: 'src/core/ must not require modules.',
        },
        {
          selector: "ImportExpression",
          message: 'src/core/ must not import modules dynamically.',
        },
      ],
    },
  },
  prettier,
);
