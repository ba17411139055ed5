// The session says what Claude Code says in `initialize` and answers what servers ask as Claude Code does:
// roots/list, elicitation and sampling, seen from a purpose-built server (clientProbe.ts) over stdio.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { claudeCodeProfile, openSession, type McpConfig, type OpenedSession, type SessionOptions } from '../../src/mcp/index.js';
import { testServerCommand } from '../support/servers/spawn.js';
import { FAST } from './harness.js';

const probe = fileURLToPath(new URL('../support/servers/clientProbe.ts', import.meta.url));

async function probeSession(options: Partial<SessionOptions> = {}): Promise<OpenedSession> {
  const config: McpConfig = { source: 'client.test.ts', servers: { probe: { name: 'probe', type: 'stdio', ...testServerCommand('probe', probe) } } };
  const session = await openSession(config, ['probe'], { ...FAST, ...options });
  expect(session.failed).toEqual([]);
  return session;
}

async function call(session: OpenedSession, tool: string, args: Record<string, unknown> = {}) {
  const outcome = await session.callTool('probe', tool, args);
  return { ...outcome, json: outcome.kind === 'ok' ? (outcome.value as Record<string, unknown>) : undefined };
}

test('by default the session is the newest Claude Code release in the table, on the wire', async () => {
  const session = await probeSession();
  try {
    const { json } = await call(session, 'whoami');
    const profile = claudeCodeProfile();
    expect(profile.capabilities).toEqual({ roots: { listChanged: true }, elicitation: {} });
    // The server's SDK reads a bare `elicitation: {}` as form mode.
    expect(json).toEqual({ clientInfo: profile.clientInfo, capabilities: { roots: { listChanged: true }, elicitation: { form: {} } }, protocolVersion: profile.protocolVersion });
    expect(json?.['clientInfo']).toMatchObject({ name: 'claude-code' });
  } finally {
    await session.close();
  }
});

test('an older release offers its own protocol version and capabilities', async () => {
  const session = await probeSession({ client: claudeCodeProfile('2.0.0') });
  try {
    const { json } = await call(session, 'whoami');
    expect(json).toEqual({ clientInfo: { name: 'claude-code', version: '2.0.0+mcp-journeys' }, capabilities: { roots: {} }, protocolVersion: '2025-06-18' });
    // No elicitation declared: refused as the SDK refuses what it has no handler for.
    const asked = await call(session, 'ask', { message: 'Your name?' });
    expect(asked.kind).toBe('tool_error');
    expect(asked.message).toContain('-32601');
    expect(asked.serverRequests).toBeUndefined();
  } finally {
    await session.close();
  }
});

test('roots/list is answered with the session roots, and setRoots tells the server', async () => {
  const session = await probeSession({ roots: [{ uri: 'file:///work/a', name: 'a' }] });
  try {
    expect((await call(session, 'roots')).json).toEqual({ roots: [{ uri: 'file:///work/a', name: 'a' }], listChanged: 0 });
    expect(await session.setRoots([{ uri: 'file:///work/b' }])).toEqual(['probe']);
    expect(session.roots()).toEqual([{ uri: 'file:///work/b' }]);
    expect((await call(session, 'roots')).json).toEqual({ roots: [{ uri: 'file:///work/b' }], listChanged: 1 });
  } finally {
    await session.close();
  }
});

test('a release without roots.listChanged changes its roots but tells no server', async () => {
  const session = await probeSession({ client: claudeCodeProfile('2.1.76'), roots: [] });
  try {
    expect(await session.setRoots([{ uri: 'file:///work/c' }])).toEqual([]);
    expect((await call(session, 'roots')).json).toEqual({ roots: [{ uri: 'file:///work/c' }], listChanged: 0 });
  } finally {
    await session.close();
  }
});

test('an elicitation gets the scripted answer, and the call carries the request and the answer', async () => {
  const session = await probeSession({
    answers: { elicit: (server, params) => ({ rule: 'r0', result: { action: 'accept', content: { name: `${server}:${String(params['message'])}` } } }) },
  });
  try {
    const asked = await call(session, 'ask', { message: 'Your name?' });
    expect(asked.json).toEqual({ action: 'accept', content: { name: 'probe:Your name?' } });
    expect(asked.serverRequests).toEqual([{
      server: 'probe', method: 'elicitation/create', rule: 'r0',
      params: expect.objectContaining({ message: 'Your name?' }) as unknown,
      result: { action: 'accept', content: { name: 'probe:Your name?' } },
    }]);
  } finally {
    await session.close();
  }
});

test('an elicitation nothing answers is cancelled and marked unanswered', async () => {
  const session = await probeSession();
  try {
    const asked = await call(session, 'ask', { message: 'Your name?' });
    expect(asked.json).toEqual({ action: 'cancel' });
    expect(asked.serverRequests?.[0]?.unanswered).toBe('probe sent elicitation/create, and the journey scripts no answers to it (session.elicitation)');
  } finally {
    await session.close();
  }
});

test('sampling is refused with -32601 unless the profile declares it and a reply is scripted', async () => {
  const refused = await probeSession();
  try {
    const sampled = await call(refused, 'sample', { prompt: 'hi' });
    expect(sampled.kind).toBe('tool_error');
    expect(sampled.message).toContain('MCP error -32601: Method not found');
  } finally {
    await refused.close();
  }
  const profile = claudeCodeProfile();
  profile.capabilities['sampling'] = {};
  const canned = await probeSession({
    client: profile,
    answers: { sample: () => ({ rule: 's0', result: { role: 'assistant', content: { type: 'text', text: 'hello' }, model: 'm', stopReason: 'endTurn' } }) },
  });
  try {
    const sampled = await call(canned, 'sample', { prompt: 'hi' });
    expect(sampled.json).toEqual({ role: 'assistant', content: { type: 'text', text: 'hello' }, model: 'm', stopReason: 'endTurn' });
    expect(sampled.serverRequests?.map((r) => r.rule)).toEqual(['s0']);
  } finally {
    await canned.close();
  }
});
