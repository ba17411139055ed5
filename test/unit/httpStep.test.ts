// `http` steps against a real local server: the user's headers are merged with the runner's without
// regard to case (a duplicated Content-Type was a 415), and the request and response are attached.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import type { HttpStepPlan } from '../../src/compile/plan.js';
import { StepNotes } from '../../src/report/stepNotes.js';
import { forgetSecrets } from '../../src/report/secrets.js';
import { describeStep } from '../../src/worker/journeyReport.js';
import { runHttp } from '../../src/worker/steps/http.js';
import { fakeContext } from '../support/fakeContext.js';

const at = { file: '/j.journey.yaml', line: 1, column: 1 };

/** Answers as an MCP streamable-HTTP endpoint does: 415 unless the body is declared plain JSON. */
function strictServer(): { server: Server; seen: IncomingHttpHeaders[] } {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      const type = req.headers['content-type'];
      const status = req.method === 'POST' && type !== 'application/json' ? 415 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ got: type ?? null }));
    });
  });
  return { server, seen };
}

let strict: ReturnType<typeof strictServer>;
let base: string;

test.beforeAll(async () => {
  strict = strictServer();
  await new Promise<void>((resolve) => strict.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(strict.server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  forgetSecrets();
  await new Promise((resolve) => strict.server.close(resolve));
});

function step(http: Partial<HttpStepPlan>): HttpStepPlan {
  return {
    kind: 'http', title: 'http s', location: at, server: 's', path: '/mcp', method: 'POST', headers: {}, save: [],
    expect: { outcome: 'ok', outcomeLocation: at, checks: [] }, ...http,
  };
}

async function play(plan: HttpStepPlan, url = base) {
  const ctx = fakeContext({ baseUrl: () => url });
  await runHttp(plan, ctx);
  const record = ctx.records.at(-1);
  if (!record) throw new Error('no record');
  const notes = new StepNotes();
  describeStep(record, notes);
  const attachment = (name: string) => JSON.parse(notes.attachments.find((a) => a.name === name)?.body ?? 'null') as Record<string, unknown>;
  return { request: attachment('request'), response: attachment('response') };
}

test('a user Content-Type is the one sent, whatever its case: no duplicate, no 415', async () => {
  for (const name of ['Content-Type', 'content-type', 'CONTENT-TYPE']) {
    strict.seen.length = 0;
    const { response } = await play(step({ headers: { [name]: 'application/json' }, body: { ping: 1 } }));
    expect(strict.seen[0]?.['content-type'], name).toBe('application/json');
    expect(response['result'], name).toMatchObject({ status: 200 });
  }
});

test('a body without a Content-Type gets JSON; a header named twice in different case goes once, the later value', async () => {
  strict.seen.length = 0;
  await play(step({ headers: { Accept: 'text/plain', accept: 'application/json' }, body: { ping: 1 } }));
  expect(strict.seen[0]?.['content-type']).toBe('application/json');
  expect(strict.seen[0]?.['accept']).toBe('application/json');
});

test('the request and the response are attached like a call\'s, the authorization masked', async () => {
  const { request, response } = await play(step({ headers: { Authorization: 'Bearer s3cr3t-http-token', 'X-Trace': 'abc' }, body: { ping: 1 } }));
  expect(request).toEqual({
    server: 's', method: 'POST', url: `${base}/mcp`,
    headers: { authorization: '***', 'content-type': 'application/json', 'x-trace': 'abc' }, body: { ping: 1 },
  });
  expect(response).toMatchObject({ outcome: 'ok', result: { status: 200, body: { got: 'application/json' } } });
  expect(typeof response['latency_ms']).toBe('number');
  expect(JSON.stringify([request, response])).not.toContain('s3cr3t-http-token');
});

test('a GET sends no body and no Content-Type; no answer is still attached, as unavailable', async () => {
  strict.seen.length = 0;
  const { request } = await play(step({ method: 'GET', path: '/health' }));
  expect(strict.seen[0]?.['content-type']).toBeUndefined();
  expect(request).toEqual({ server: 's', method: 'GET', url: `${base}/health`, headers: {} });
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  const down = await play(step({ method: 'GET', path: '/health', expect: { outcome: 'unavailable', outcomeLocation: at, checks: [] } }), url);
  expect(down.request['url']).toBe(`${url}/health`);
  expect(down.response).toMatchObject({ outcome: 'unavailable', message: expect.stringContaining('ECONNREFUSED') });
});
