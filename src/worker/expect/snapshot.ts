// `expect.snapshot`: the step's result, masked (snapshotValue.ts), compared with its stored file through
// Playwright's own toMatchSnapshot, so the path template, `--update-snapshots` and what a missing snapshot
// does (written, and the test fails unless updating) are Playwright's. A mismatch fails the step with the
// changed paths and the line diff, located at the `snapshot` key.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { runInThisContext } from 'node:vm';
import { expect, test } from '@playwright/test';
import type { SnapshotPlan } from '../../compile/plan.js';
import { messageOf } from '../../common/messageOf.js';
import { maskText } from '../../report/mask.js';
import { frameFile } from '../maskedSource.js';
import type { Attachment } from '../../report/stepAttachments.js';
import { JourneyStepError } from './errors.js';
import { contractDiff } from './contractDiff.js';
import { describeChange, jsonChanges } from './jsonChanges.js';
import { snapshotText } from './snapshotValue.js';

/** What the journey runner knows about snapshots. */
export interface SnapshotHost {
  /** The journey's path under the journeys directory (`examples/first.journey.yaml`). */
  journeyFile: string;
  runId: string;
}

export interface SnapshotVerdict {
  error?: JourneyStepError;
  /** The diff, for the step's report. */
  attachment?: Attachment;
}

const MAX_CHANGES = 20;

/** `<journey file>-snapshots/<name>.json` as path segments: the `{arg}` of the projects' snapshotPathTemplate. */
function snapshotSegments(journeyFile: string, name: string): string[] {
  return `${journeyFile}-snapshots/${name}.json`.split('/');
}

function changesOf(stored: string | undefined, text: string, diff: SnapshotPlan['diff']): string[] {
  if (stored === undefined) return [];
  try {
    const [before, after] = [JSON.parse(stored) as unknown, JSON.parse(text) as unknown];
    const lines = diff === 'contract' ? contractDiff(before, after).map((l) => `- ${l}`) : jsonChanges(before, after).map(describeChange);
    return lines.length > MAX_CHANGES ? [...lines.slice(0, MAX_CHANGES), `… and ${lines.length - MAX_CHANGES} more`] : lines;
  } catch {
    return ['the stored snapshot is not JSON'];
  }
}

/** The unified diff of Playwright's message, without its matcher header and snapshot line. */
function lineDiff(message: string): string {
  const lines = stripVTControlCharacters(message).split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('@@'));
  const end = lines.findIndex((l) => l.trimStart().startsWith('Snapshot: '));
  return lines.slice(Math.max(0, start), end < 0 ? undefined : end).map((l) => l.replace(/^ {2}/, '')).join('\n').trimEnd();
}

type Compare = (expectFn: typeof expect, text: string, title: string, segments: string[]) => void;
// Playwright locates what toMatchSnapshot reports without throwing (a missing snapshot written: the test
// fails, the journey goes on) at the frame that called it: compiled with the YAML file as its filename and
// a line offset, the call below is that frame, so the report points at the `snapshot` key, not at this file
// (V8 places the frame at the method's name: padded onto the key's column).
function compareAt(location: SnapshotPlan['location'], text: string, title: string, segments: string[]): void {
  const source = `(function (expectFn, text, title, segments) { return expectFn(text, title)\n${' '.repeat(Math.max(0, location.column - 2))}.toMatchSnapshot(segments); })`;
  const compare = runInThisContext(source, { filename: frameFile(location.file), lineOffset: location.line - 2 }) as Compare;
  compare(expect, text, title, segments);
}

export function checkSnapshot(plan: SnapshotPlan, value: unknown, host: SnapshotHost): SnapshotVerdict {
  const segments = snapshotSegments(host.journeyFile, plan.name);
  const file = test.info().snapshotPath(...segments);
  const stored = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const text = snapshotText(value, { ignore: plan.ignore, mask: plan.mask, volatile: plan.volatile, runId: host.runId });
  try {
    compareAt(plan.location, text, `snapshot ${plan.name}`, segments);
    return {};
  } catch (e) {
    const shown = relative(process.cwd(), file) || file;
    const changes = changesOf(stored, text, plan.diff);
    const contract = plan.diff === 'contract';
    const message = [
      contract ? `The contract of ${plan.name.replace(/^contract-/, '')} changed (${shown}):` : `Snapshot "${plan.name}" does not match ${shown}`,
      ...changes.map((c) => `  ${c}`),
      '',
      lineDiff(messageOf(e)),
      '',
      `If the change is intended, accept it: ${contract ? 'npx mcp-journeys contract --update' : 'npx playwright test --update-snapshots'}`,
    ].join('\n');
    const error = new JourneyStepError(message, 'SNAPSHOT_MISMATCH', plan.location, { path: shown });
    return { error, attachment: { name: 'snapshot diff', contentType: 'text/plain', body: maskText(message) } };
  }
}
