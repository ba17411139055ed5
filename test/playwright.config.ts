import { defineConfig } from '@playwright/test';

// The runner's own tests. Each folder is a project, so `npm test -- --project=golden` runs one kind.
const kinds = ['unit', 'golden', 'session', 'servers', 'stack', 'faults', 'inline'] as const;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/self',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  projects: kinds.map((kind) => ({ name: kind, testDir: `./${kind}`, testMatch: '**/*.test.ts' })),
});
