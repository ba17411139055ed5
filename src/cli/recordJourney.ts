// The recorded steps as a journey document: ids linked into `save` + `${var}` with their provenance in a
// comment, secrets masked, paths under the fixtures folder as `${fixtures}`, and a TODO where the
// session had no error case (the Integration Test Case needs one, so a placeholder that fails on every
// server stands in, marked to be replaced).
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { fixturesDir } from '../common/paths.js';
import { maskSecrets, maskText } from '../report/mask.js';
import { SCHEMA_PATH } from '../validate/schema.js';
import { schemaLinkFor } from '../validate/schemaLine.js';
import { linkIds, type Capture } from './recordLinks.js';
import { expectationOf, type RecordedStep } from './recordSteps.js';

export interface WrittenJourney {
  text: string;
  /** No step of the session failed: the placeholder error step's index, for the TODO diagnostic. */
  todoErrorStep?: number;
}

const TODO_NAME = 'TODO: replace with an error case of this journey';

export function journeyText(out: string, steps: readonly RecordedStep[], servers: readonly string[]): WrittenJourney {
  const fixtures = fixturesDir();
  const linked = linkIds(steps.map((s) => ({ value: s.outcome === 'ok' ? s.value : undefined, sent: maskSecrets(s.sent), noun: s.noun })));
  const names = stepNames(steps);
  const docs = steps.map((step, i) => stepDoc(step, names[i] ?? step.target, withFixtures(linked.sent[i], fixtures), linked.saves[i] ?? []));
  const hasError = steps.some((s) => s.outcome !== 'ok');
  const firstServer = servers[0] ?? 'server';
  if (!hasError) docs.push({ name: TODO_NAME, get_prompt: { server: firstServer, name: 'mcp-journeys-todo-no-such-prompt' }, expect: { protocol_error: true } });
  const name = basename(out).replace(/\.journey\.ya?ml$/, '');
  const doc = new Document({
    test_id: randomUUID(),
    test_name: `Recorded session: ${name}`,
    description: `Recorded by mcp-journeys record from a session with ${servers.join(', ')}.`,
    servers_required: [...servers],
    tags: ['recorded'],
    test_steps: docs,
  });
  comment(doc, steps, names, linked.saves, linked.uses);
  const todoErrorStep = hasError ? undefined : docs.length - 1;
  if (todoErrorStep !== undefined) {
    const node = doc.getIn(['test_steps', todoErrorStep], true) as Node;
    node.commentBefore = ' TODO: the session had no failing call, and a journey must check an error case. This placeholder\n'
      + ' asks for a prompt no server has; replace it with a call this journey\'s entity must refuse,\n'
      + ' e.g. an empty title, with expect: { error: "<what the server says>" }.';
  }
  const schema = schemaLinkFor(dirname(out), SCHEMA_PATH);
  return { text: `# yaml-language-server: $schema=${schema}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`, todoErrorStep };
}

function stepDoc(step: RecordedStep, name: string, sent: unknown, saves: readonly Capture[]): Record<string, unknown> {
  const out: Record<string, unknown> = { name };
  if (step.kind === 'call') {
    out['call'] = `${step.server}.${step.target}`;
    out['args'] = sent;
  } else if (step.kind === 'read') {
    out['read'] = { server: step.server, uri: (sent as { uri?: unknown }).uri };
  } else {
    out['get_prompt'] = { server: step.server, name: step.target, args: sent };
  }
  const expect = expectationOf(step);
  if (typeof expect['error'] === 'string') expect['error'] = maskText(expect['error']).replace(/\$\{/g, () => '$${');
  out['expect'] = expect;
  if (step.poll) out['eventually'] = { interval: step.poll.interval, timeout: step.poll.timeout, until: maskSecrets(step.poll.until) };
  if (saves.length > 0) out['save'] = Object.fromEntries(saves.map((c) => [c.name, c.path]));
  return out;
}

/** Unique titles: "<server> <tool>", numbered from the second of the same. */
function stepNames(steps: readonly RecordedStep[]): string[] {
  const seen = new Map<string, number>();
  return steps.map((s) => {
    const base = `${s.server} ${s.target}${s.outcome === 'ok' ? '' : ` (${s.outcome === 'tool_error' ? 'refused' : 'protocol error'})`}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/** Absolute paths into the fixtures folder, as `${fixtures}/…`, so the journey runs from any checkout. */
function withFixtures(value: unknown, fixtures: string): unknown {
  if (typeof value === 'string') return value.split(fixtures).join('${fixtures}');
  if (Array.isArray(value)) return value.map((v) => withFixtures(v, fixtures));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withFixtures(v, fixtures)]));
  return value;
}

/** Provenance: where each saved value comes from, and at each use where the variable was saved. */
function comment(doc: Document, steps: readonly RecordedStep[], names: readonly string[], saves: readonly Capture[][], uses: readonly Capture[][]): void {
  for (const key of ['servers_required', 'tags']) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  const list = doc.get('test_steps', true);
  if (!isSeq(list)) return;
  list.items.forEach((item, i) => {
    if (!isMap(item)) return;
    for (const key of ['args', 'expect', 'read', 'get_prompt']) {
      const node = item.get(key, true);
      if (isMap(node) && JSON.stringify(node.toJSON()).length < 110) node.flow = true;
    }
    // Matchers and budgets one per line, each in braces, as people write them.
    const expect = item.get('expect', true);
    if (isMap(expect) && !expect.flow) {
      for (const pair of expect.items) if (isMap(pair.value) && JSON.stringify(pair.value.toJSON()).length < 60) pair.value.flow = true;
      const result = expect.get('result', true);
      if (isMap(result)) for (const pair of result.items) if (isMap(pair.value)) pair.value.flow = true;
    }
    const until = item.getIn(['eventually', 'until'], true);
    if (isMap(until)) until.flow = true;
    const step = steps[i];
    const save = item.get('save', true);
    if (step && isMap(save)) {
      for (const pair of save.items) {
        if (isScalar(pair.value)) pair.value.comment = ` provenance: ${step.server} ${step.kind === 'call' ? `tool ${step.target}` : step.target}, step "${names[i] ?? ''}"`;
      }
    }
    const used = uses[i] ?? [];
    if (used.length > 0) {
      item.commentBefore = used.map((c) => ` \${${c.name}}: returned by step "${names[c.step] ?? ''}" (${steps[c.step]?.server ?? ''}) at ${c.path}`).join('\n');
    }
    if (step?.poll) {
      const node = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'eventually')?.key;
      if (isScalar(node)) node.commentBefore = step.poll.attempts > 1 ? ` the session asked ${step.poll.attempts} times until the answer changed` : ' the session found it done at once; a slower run waits for it';
    }
  });
}
