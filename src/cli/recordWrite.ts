// The end of a recording: every session of it read back, the journey and its replay recording written
// (masked), what needs the user's attention said on stderr, and the working folder removed.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../mcp/mcpConfig.js';
import { maskSecrets } from '../report/mask.js';
import { addSecret, addSecretsIn } from '../report/secrets.js';
import { exchangesOf, type Exchange } from './recordExchanges.js';
import { journeyText } from './recordJourney.js';
import { claim, readSessions, release, type RecordedSession } from './recordStore.js';
import { stepsOf, unanswered } from './recordSteps.js';

/** `first.journey.yaml` → `first.recording.json`, beside it. */
export function recordingFileFor(out: string): string {
  return out.replace(/(\.journey)?\.ya?ml$/, '') + '.recording.json';
}

/** Writes the journey when no other session of the recording is still open (or `force`: --finish).
 * Returns false when another proxy will write it, or when there was nothing to write. */
export function finishRecording(dir: string, out: string, force: boolean, log: (line: string) => void): boolean {
  const sessions = readSessions(dir);
  if (sessions.length === 0) return false;
  if (!force && sessions.some((s) => s.live)) return false;
  if (!claim(dir)) return false;
  try {
    const open = sessions.filter((s) => s.live);
    if (open.length > 0) log(`note: ${open.map((s) => s.server).join(', ')} still recording; written with what they have so far`);
    write(sessions, out, log);
  } finally {
    release(dir);
  }
  return true;
}

function write(sessions: readonly RecordedSession[], out: string, log: (line: string) => void): void {
  for (const session of sessions) {
    for (const event of session.events) {
      if (event.k === 'secret') addSecret(event.value);
      else if (event.k === 'msg') addSecretsIn(event.msg);
    }
  }
  const exchanges = exchangesOf(sessions);
  const servers = [...new Set(sessions.map((s) => s.server))].sort();
  const steps = stepsOf(exchanges);
  for (const e of unanswered(exchanges)) log(`note: ${e.server} never answered ${describe(e)}; it is left out`);
  if (steps.length === 0) {
    log(`nothing to write: the session made no tools/call, resources/read or prompts/get request (${displayPath(out)} left as it was)`);
    return;
  }
  const journey = journeyText(out, steps, servers);
  const replay = recordingFileFor(out);
  atomicWrite(out, journey.text);
  atomicWrite(replay, `${JSON.stringify(replayRecording(exchanges, servers), null, 2)}\n`);
  const saved = (journey.text.match(/# provenance: /g) ?? []).length;
  log(`wrote ${displayPath(out)}: ${steps.length} step${steps.length === 1 ? '' : 's'} from ${servers.join(', ')}, ${saved} id${saved === 1 ? '' : 's'} linked; replay recording ${displayPath(replay)}`);
  if (journey.todoErrorStep !== undefined) {
    const line = journey.text.split('\n').findIndex((l) => /^ *- name: "?TODO/.test(l)) + 1;
    log([
      `${displayPath(out)}:${line}:5 TODO the session had no failing call, so the journey has no error case of its own`,
      '  A placeholder step stands in (it asks for a prompt no server has), so the journey validates and runs.',
      '  Replace it with a call the server must refuse, e.g. expect: { error: "title cannot be empty" },',
      '  or record again and make one such call in the session.',
    ].join('\n'));
  }
}

function describe(e: Exchange): string {
  const name = e.params['name'] ?? e.params['uri'];
  return `${e.method}${typeof name === 'string' ? ` ${name}` : ''}`;
}

/** What `type: replay` serves: per server, its initialize answer and every request with its answer, in
 * the order they came. Masked as the journey is, so the journey's masked arguments still match. */
function replayRecording(exchanges: readonly Exchange[], servers: readonly string[]): unknown {
  const out: Record<string, { initialize?: unknown; exchanges: unknown[] }> = {};
  for (const server of servers) out[server] = { exchanges: [] };
  for (const e of exchanges) {
    const entry = out[e.server];
    if (!entry || e.latencyMs === undefined) continue;
    if (e.method === 'initialize') {
      entry.initialize ??= e.result;
      continue;
    }
    entry.exchanges.push(e.error ? { method: e.method, params: e.params, error: e.error } : { method: e.method, params: e.params, result: e.result });
  }
  return maskSecrets({ recorded_by: 'mcp-journeys record', servers: out });
}

function atomicWrite(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
