// The wire limit's counting: a JSON body counts as a whole, an event stream per event, so a long-lived
// stream of small events is never cut while one oversized event is.
import { test, expect } from '@playwright/test';
import { cappedFetch, OutputCapExceeded, wireLimit } from '../../src/mcp/wireCap.js';

const limit = { bytes: 100, tokens: 5 };

function serve(contentType: string, chunks: string[]): typeof fetch {
  return () => Promise.resolve(new Response(new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  }), { headers: { 'content-type': contentType } }));
}

async function read(contentType: string, chunks: string[]): Promise<{ text?: string; error?: unknown; heard: number }> {
  let heard = 0;
  const response = await cappedFetch(limit, () => { heard += 1; }, undefined, serve(contentType, chunks))('http://x/');
  try {
    return { text: await response.text(), heard };
  } catch (error) {
    return { error, heard };
  }
}

test('a JSON body is cut once it passes the limit, and the cut is heard at once', async () => {
  expect(await read('application/json', ['x'.repeat(60), 'x'.repeat(40)])).toEqual({ text: 'x'.repeat(100), heard: 0 });
  const over = await read('application/json', ['x'.repeat(60), 'x'.repeat(41)]);
  expect(over.error).toBeInstanceOf(OutputCapExceeded);
  expect(over.heard).toBe(1);
});

test('an event stream counts per event: many small events pass, one oversized event does not', async () => {
  const event = `data: ${'x'.repeat(50)}\n\n`;
  expect((await read('text/event-stream', Array.from({ length: 20 }, () => event))).heard).toBe(0);
  // A boundary split across chunks still ends the event, in every line-ending style.
  for (const [a, b] of [['\n', '\n'], ['\r\n', '\r\n'], ['\r', '\r']]) {
    expect((await read('text/event-stream; charset=utf-8', [`data: ${'x'.repeat(80)}${a}`, `${b}data: ${'y'.repeat(80)}`])).heard).toBe(0);
  }
  const over = await read('text/event-stream', [event, `data: ${'x'.repeat(60)}`, 'x'.repeat(60)]);
  expect(over.error).toBeInstanceOf(OutputCapExceeded);
  expect(over.heard).toBe(1);
});

test('the limit is 16 times the cap in characters, never below 1 MiB', () => {
  expect(wireLimit(25_000)).toEqual({ bytes: 1_600_000, tokens: 25_000 });
  expect(wireLimit(50)).toEqual({ bytes: 1024 * 1024, tokens: 50 });
});
