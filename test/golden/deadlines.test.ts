// Golden messages of the journey timeout (src/worker/journeyDeadline.ts): what was running, on which
// server, after how many connection attempts, in whole ms. The step's running time varies run to run
// and is written as <ms>. UPDATE_GOLDEN=1 rewrites the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import { JourneyDeadline, type JourneyTimeoutError } from '../../src/worker/journeyDeadline.js';

const GOLDEN = fileURLToPath(new URL('./deadlines/journey-timeout.err', import.meta.url));
const at = (line: number) => ({ file: '/j/slow.journey.yaml', line, column: 5 });

/** The TestInfo parts the deadline uses: the timeout it reads and extends, the status it sets. */
function fakeTestInfo(timeout: number): TestInfo & { timeout: number } {
  const info = { timeout, status: 'passed', setTimeout(ms: number) { info.timeout = ms; } };
  return info as unknown as TestInfo & { timeout: number };
}

/** Arms a 300 ms journey, lets `during` set the scene, and returns the message it times out with. */
async function timeoutMessage(during: (deadline: JourneyDeadline) => void): Promise<{ error: JourneyTimeoutError; info: TestInfo & { timeout: number } }> {
  const info = fakeTestInfo(300);
  const deadline = new JourneyDeadline(info, performance.now(), at(3));
  let fired: JourneyTimeoutError | undefined;
  deadline.arm((error) => { fired = error; });
  during(deadline);
  await expect(deadline.expired()).rejects.toThrow(/Journey timeout of 300 ms exceeded/);
  await sleep(0);
  if (!fired) throw new Error('the deadline did not fire');
  return { error: fired, info };
}

test('the journey timeout names the step, the server, the connection attempts, in whole ms', async () => {
  const cases: [string, (deadline: JourneyDeadline) => void][] = [
    ['reconnecting', (deadline) => {
      deadline.watch.attempt('mute')('mute (stdio node mute.ts) could not connect: no answer to initialize within 3000 ms');
      deadline.enter({ title: 'Ask the mute server', location: at(8), server: 'mute' });
      deadline.watch.attempt('mute')('mute (stdio node mute.ts) could not connect: no answer to initialize within 3000 ms');
      deadline.watch.attempt('mute');
    }],
    ['open connection', (deadline) => {
      deadline.watch.attempt('test')();
      deadline.enter({ title: 'Wait forever', location: at(9), server: 'test' });
    }],
    ['connecting', (deadline) => {
      deadline.watch.attempt('quick')();
      deadline.watch.attempt('mute');
      deadline.enter({ title: 'connect quick, mute', location: at(3) });
    }],
    ['between steps', () => undefined],
  ];
  const lines: string[] = [];
  for (const [name, during] of cases) {
    const { error, info } = await timeoutMessage(during);
    lines.push(`${name}: ${error.name}: ${error.message.replace(/running for \d+ ms/, 'running for <ms> ms')}`);
    // Time for the teardown: the journey's budget again. Playwright's status stays until the journey ends with it.
    expect(info.timeout).toBe(600);
    expect(info.status).toBe('passed');
  }
  const text = `${lines.join('\n')}\n`;
  if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  expect(text).not.toMatch(/\d\.\d+ ?ms/);
});

test('a journey that ends with its timeout is timed out; a finished one never fires', async () => {
  const { error, info } = await timeoutMessage(() => undefined);
  const deadline = new JourneyDeadline(info, performance.now(), at(3));
  expect(deadline.endWith(error)).toBe(error);
  expect(info.status).toBe('timedOut');
  const quiet = fakeTestInfo(100);
  const disarmed = new JourneyDeadline(quiet, performance.now(), at(3));
  let fired = false;
  disarmed.arm(() => { fired = true; });
  disarmed.disarm();
  await sleep(150);
  expect(fired).toBe(false);
  expect(quiet.timeout).toBe(100);
});
