// Runs bareInWorker.spec.ts alone, one worker, with the journeys' default console reporter.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: 'bareInWorker.spec.ts',
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/bench-in-worker',
});
