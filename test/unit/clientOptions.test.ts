// `session.client`, `session.roots`, `session.elicitation` and `session.sampling`, from YAML to what the
// session layer is given: the profile sent in `initialize`, the roots, and the scripted answers.
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { compileJourney } from '../../src/compile/compileJourney.js';
import type { RootsStepPlan } from '../../src/compile/plan.js';
import { CLAUDE_CODE_RELEASES, claudeCodeProfile } from '../../src/mcp/index.js';
import { sessionOptions } from '../../src/worker/sessionOptions.js';
import { schemaDefaults } from '../../src/worker/serverAnswers.js';
import journeySchema from '../../schemas/journey.schema.json' with { type: 'json' };
import { loadShim } from '../support/loadShim.js';

const FILE = '/j/client/a.journey.yaml';

function plan(session: string, steps = '  - call: s.t') {
  const yaml = `test_id: 6f1d9f8e-3c1a-4b7e-9a57-2f0c8d1e4b21
test_name: t
description: d
servers_required: [s]
vars: { who: Ada }
session:
${session}
test_steps:
${steps}
`;
  return compileJourney(loadShim(FILE, { [FILE]: yaml }), { journeysDir: '/j' });
}

const render = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll('${who}', 'Ada')) as unknown;

const FORM = { message: 'Please provide your details', requestedSchema: { type: 'object', properties: { name: { type: 'string' }, colour: { type: 'string', default: 'blue' }, n: { type: 'integer', default: 3 } } } };

test('the schema lists exactly the releases claudeCode.ts knows', () => {
  const release = journeySchema.$defs.client.properties.release;
  expect(release.enum).toEqual(CLAUDE_CODE_RELEASES);
});

test('without session.client the session is the default release, with the working directory as its root', () => {
  const options = sessionOptions(plan('  call_timeout: 1s').session, {});
  expect(options.client).toEqual(claudeCodeProfile());
  expect(options.roots).toEqual([{ uri: pathToFileURL(process.cwd()).href, name: process.cwd().split('/').pop() }]);
  expect(options.answers).toBeUndefined();
});

test('MCP_JOURNEYS_CLAUDE_CODE picks the run\'s release; a journey\'s own release wins; an unknown one is refused', () => {
  expect(sessionOptions(plan('  call_timeout: 1s').session, { MCP_JOURNEYS_CLAUDE_CODE: '2.0.0' }).client).toEqual(claudeCodeProfile('2.0.0'));
  const own = plan('  client: { release: "2.1.76" }').session;
  expect(sessionOptions(own, { MCP_JOURNEYS_CLAUDE_CODE: '2.0.0' }).client?.release).toBe('2.1.76');
  expect(() => sessionOptions(plan('  call_timeout: 1s').session, { MCP_JOURNEYS_CLAUDE_CODE: '9.9' }))
    .toThrow('MCP_JOURNEYS_CLAUDE_CODE=9.9 is not a Claude Code release this runner knows (known: 2.0.0, 2.1.76, 2.1.203)');
});

test('session.client overrides capabilities, clientInfo and protocol version, and says so', () => {
  const p = plan('  client: { release: "2.0.0", capabilities: { roots: {} }, client_info: { name: other, version: "1" }, protocol_version: "2025-03-26" }').session;
  expect(sessionOptions(p, {}).client).toEqual({
    release: '2.0.0 (overridden)', capabilities: { roots: {} }, clientInfo: { name: 'other', version: '1' }, protocolVersion: '2025-03-26',
  });
});

test('session.roots: paths relative to the working directory, absolute paths, URIs, names; templates rendered', () => {
  const p = plan('  roots: [fixtures, "/srv/${who}", "file:///x/y", { path: /data, name: the data }]').session;
  expect(sessionOptions(p, {}, render).roots).toEqual([
    { uri: pathToFileURL(`${process.cwd()}/fixtures`).href, name: 'fixtures' },
    { uri: 'file:///srv/Ada', name: 'Ada' },
    { uri: 'file:///x/y', name: 'y' },
    { uri: 'file:///data', name: 'the data' },
  ]);
});

test('a roots step sets the roots, or adds and removes some', () => {
  const p = plan('  call_timeout: 1s', '  - roots: [/a]\n  - roots: { add: [/b], remove: [/a] }');
  const [set, change] = p.test.steps as RootsStepPlan[];
  expect(set).toMatchObject({ kind: 'roots', title: 'roots /a', set: [{ path: '/a' }], add: [], remove: [] });
  expect(change).toMatchObject({ kind: 'roots', title: 'roots add /b, remove /a', add: [{ path: '/b' }], remove: [{ path: '/a' }] });
  expect(change?.set).toBeUndefined();
});

test('elicitation: the first rule whose message, fields and server fit answers, with content rendered', () => {
  const p = plan(`  elicitation:
    - { message: { matches: "^Confirm" }, answer: decline }
    - { server: other, message: details, answer: cancel }
    - { message: details, fields: [name, email], answer: cancel }
    - { message: details, fields: [name], answer: accept, content: { name: "\${who}" } }`).session;
  const elicit = sessionOptions(p, {}, render).answers?.elicit;
  expect(elicit?.('s', FORM)).toEqual({ rule: 'session.elicitation[3]', result: { action: 'accept', content: { name: 'Ada' } } });
  expect(elicit?.('s', { message: 'Confirm delete?' })).toEqual({ rule: 'session.elicitation[0]', result: { action: 'decline' } });
  expect(elicit?.('other', FORM)).toEqual({ rule: 'session.elicitation[1]', result: { action: 'cancel' } });
});

test('elicitation: `defaults` accepts with the schema\'s defaults, under the rule\'s content', () => {
  expect(schemaDefaults(FORM.requestedSchema)).toEqual({ colour: 'blue', n: 3 });
  const p = plan('  elicitation: [{ answer: defaults, content: { name: Bo, n: 4 } }]').session;
  expect(sessionOptions(p, {}).answers?.elicit?.('s', FORM)).toEqual({ rule: 'session.elicitation[0]', result: { action: 'accept', content: { colour: 'blue', n: 4, name: 'Bo' } } });
});

test('elicitation that no rule fits says what was asked and what each rule wanted', () => {
  const p = plan('  elicitation: [{ message: { matches: "^Confirm" }, answer: decline }, { fields: [email], answer: cancel }]').session;
  expect(sessionOptions(p, {}).answers?.elicit?.('s', FORM)).toEqual({
    unanswered: 's asked for input (elicitation/create): "Please provide your details" with fields name, colour, n; no session.elicitation rule answers it (session.elicitation[0]: message to match /^Confirm/; session.elicitation[1]: fields email); add one, e.g. { message: "Please provide your details", answer: accept, content: { name: … } }',
  });
});

test('sampling: a canned reply declares the capability and answers the matching prompt', () => {
  const p = plan('  sampling: [{ prompt: weather, reply: "sunny, ${who}", model: m1 }, { reply: plain }]').session;
  const options = sessionOptions(p, {}, render);
  expect(options.client?.capabilities).toEqual({ ...claudeCodeProfile().capabilities, sampling: {} });
  const ask = (text: string) => options.answers?.sample?.('s', { messages: [{ role: 'user', content: { type: 'text', text } }] });
  expect(ask('the weather?')).toEqual({ rule: 'session.sampling[0]', result: { role: 'assistant', content: { type: 'text', text: 'sunny, Ada' }, model: 'm1', stopReason: 'endTurn' } });
  expect(ask('anything')).toMatchObject({ rule: 'session.sampling[1]', result: { model: 'mcp-journeys-canned' } });
});

test('sampling that no rule fits names the prompt', () => {
  const p = plan('  sampling: [{ prompt: weather, reply: x }]').session;
  const answer = sessionOptions(p, {}).answers?.sample?.('s', { messages: [{ role: 'user', content: [{ type: 'text', text: 'poem please' }] }] });
  expect(answer).toEqual({ unanswered: 's asked for a completion (sampling/createMessage): "poem please"; no session.sampling rule answers it (session.sampling[0]: prompt to contain "weather")' });
});
