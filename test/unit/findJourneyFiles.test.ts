// Journey discovery, the one function the runner's collection and the CLI commands share.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('symbolic links are followed once: a loop is one warning, not the same journeys again at every depth', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'find-journeys-')));
  const dir = join(base, 'journeys');
  try {
    mkdirSync(join(dir, 'a'), { recursive: true });
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a/one.journey.yaml'), '');
    writeFileSync(join(dir, 'b/two.journey.yaml'), '');
    symlinkSync('..', join(dir, 'a/up'));
    // A link to a folder searched under its own name is not followed: its journeys keep their folder.
    symlinkSync('../b', join(dir, 'a/to-b'));
    // Outside the root, c → d → c is a loop through two links.
    const outside = join(base, 'outside');
    mkdirSync(join(outside, 'c'), { recursive: true });
    mkdirSync(join(outside, 'd'));
    writeFileSync(join(outside, 'd/three.journey.yaml'), '');
    symlinkSync('../d', join(outside, 'c/to-d'));
    symlinkSync('../c', join(outside, 'd/to-c'));
    mkdirSync(join(dir, 'root'));
    symlinkSync('../a', join(dir, 'root/a'));
    symlinkSync(join(outside, 'c'), join(dir, 'root/c'));
    // The same file through a second name is one journey; a broken link is still listed (reading it says why).
    symlinkSync('one.journey.yaml', join(dir, 'a/alias.journey.yaml'));
    symlinkSync('nowhere.journey.yaml', join(dir, 'a/broken.journey.yaml'));
    const found = findJourneyFiles([dir]);
    expect(found.files).toEqual([join(dir, 'a/broken.journey.yaml'), join(dir, 'a/one.journey.yaml'), join(dir, 'b/two.journey.yaml'),
      join(dir, 'root/c/to-d/three.journey.yaml')]);
    expect(found.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['JOURNEY_SYMLINK_LOOP', 'warning', join(dir, 'a/up')],
      ['JOURNEY_SYMLINK_LOOP', 'warning', join(dir, 'root/c/to-d/to-c')],
    ]);
    expect(found.diagnostics[0]?.message).toBe(`symbolic link loop: ${join(dir, 'a/up')} points to ".." (${dir}), a folder that holds it`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
