// Journey discovery, the one function the runner's collection and the CLI commands share.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { findJourneyFiles } from '../../src/common/findJourneyFiles.js';

test('journeys under a directory, outside _shared/, sorted, each with its first folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'find-journeys-'));
  try {
    for (const rel of ['b/two.journey.yaml', 'a/deep/one.journey.yaml', 'root.journey.yaml', '_shared/frag.journey.yaml', 'a/notes.yaml']) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), '');
    }
    const named = join(dir, 'a/notes.yaml');
    const found = findJourneyFiles([dir, named, join(dir, 'nope')]);
    expect(found.files).toEqual([join(dir, 'a/deep/one.journey.yaml'), join(dir, 'b/two.journey.yaml'), join(dir, 'root.journey.yaml'), named]);
    expect([...found.folders]).toEqual([[join(dir, 'a/deep/one.journey.yaml'), 'a'], [join(dir, 'b/two.journey.yaml'), 'b']]);
    expect(found.missing).toEqual([join(dir, 'nope')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
