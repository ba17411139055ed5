// Playwright takes a test's location from the frame that declared it, and documents no option for it;
// src/suite/testLocation.ts relies on that. This test is declared through it, at a file and line that are
// not where this source declares it, and checks Playwright took them: after a Playwright upgrade that
// finds the location another way, it fails here (and journeys would show runner paths, not YAML lines).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import { declareAt } from '../../src/suite/testLocation.js';

const here = fileURLToPath(import.meta.url);
const yaml = join(here, '..', 'located.journey.yaml');

type Body = (args: object, testInfo: TestInfo) => void;
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from this pattern.
const body: Body = ({}, testInfo) => {
  expect({ file: testInfo.file, line: testInfo.line, column: testInfo.column }).toEqual({ file: yaml, line: 42, column: 1 });
};
declareAt<{ tag: string[] }, Body>({ file: yaml, line: 42 }, test, 'a test declared through declareAt is located where it says', { tag: ['@location'] }, body);

// eslint-disable-next-line no-empty-pattern -- as above.
test('a test declared directly is located in its own file (the check above is not vacuous)', ({}, testInfo) => {
  expect(testInfo.file).toBe(here);
  expect(testInfo.line).toBeGreaterThan(15);
});
