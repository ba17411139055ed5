// `mcp-journeys record --out <journey> [--name <server>] -- <command…>` (a stdio server) or `--url <url>`
// (a streamable HTTP server): a proxy to put in Claude Code's `.mcp.json` where the server was. When the
// last proxy recording into the same --out ends, it writes the journey (recordWrite.ts); `--finish`
// writes it by hand from what the proxies kept.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf } from '../common/messageOf.js';
import { displayPath } from '../mcp/mcpConfig.js';
import { recordHttp } from './recordHttp.js';
import { recordStdio } from './recordStdio.js';
import { dropAbandoned, readSessions, recordingDir, SessionFile } from './recordStore.js';
import { finishRecording } from './recordWrite.js';

const USAGE = `Usage: mcp-journeys record --out <file.journey.yaml> [--name <server>] -- <server command…>
       mcp-journeys record --out <file.journey.yaml> [--name <server>] --url <server URL> [--port <n>]
       mcp-journeys record --out <file.journey.yaml> --finish

Records a session into a journey. Put the first form in Claude Code's .mcp.json in place of a stdio
server (its command after --), or run the second and point .mcp.json at the local URL it prints (a
streamable HTTP server). Every message passes through unchanged. Several servers record into one
journey when their proxies share --out: the journey is written when the last of them ends, and
--finish writes it from what was recorded so far (after a proxy was killed, say).
  --name <server>       the server's name in .mcp.json (default: taken from the command or the URL)
  --port <n>            the local port of the HTTP proxy (default: any free port)
  --latency-floor <ms>  the least latency budget of a step (default 100): each step's budget is
                        max(4 × the latency observed, this), with the warning at half of it
`;

const log = (line: string): void => { process.stderr.write(`mcp-journeys record: ${line}\n`); };

function fail(message: string): number {
  process.stderr.write(`mcp-journeys record: ${message}\n(mcp-journeys record --help shows the options)\n`);
  return 2;
}

export async function run(args: string[]): Promise<number> {
  const split = args.indexOf('--');
  const own = split === -1 ? args : args.slice(0, split);
  const command = split === -1 ? [] : args.slice(split + 1);
  let values;
  try {
    values = parseArgs({
      args: own, strict: true, allowPositionals: false,
      options: {
        out: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, port: { type: 'string' }, 'latency-floor': { type: 'string' },
        finish: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail(messageOf(error).split('\n')[0] ?? 'bad arguments');
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.out === undefined) return fail('--out <file.journey.yaml> is required: where the journey is written');
  if (!/\.journey\.ya?ml$/.test(values.out)) return fail(`--out must name a *.journey.yaml file, found ${JSON.stringify(values.out)}`);
  const out = path.resolve(values.out);
  const dir = recordingDir(out);
  const modes = [command.length > 0, values.url !== undefined, values.finish === true].filter(Boolean).length;
  if (modes === 0) return fail('nothing to record: give the server\'s command after --, or --url <server URL>, or --finish');
  if (modes > 1) return fail('give one of: a command after --, --url, --finish');
  if (values.finish) {
    const sessions = readSessions(dir);
    if (sessions.length === 0) {
      log(`no recording under way for ${displayPath(out)}`);
      return 1;
    }
    return finishRecording(dir, out, true, log) ? 0 : 1;
  }
  let url: URL | undefined;
  if (values.url !== undefined) {
    try {
      url = new URL(values.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    } catch {
      return fail(`--url must be an http or https URL, found ${JSON.stringify(values.url)}`);
    }
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be a port number (0-65535), found ${JSON.stringify(values.port)}`);
  if (values.port !== undefined && !url) return fail('--port is for the HTTP proxy (--url)');
  const floor = values['latency-floor'] === undefined ? 100 : Number(values['latency-floor']);
  if (!Number.isInteger(floor) || floor < 1) return fail(`--latency-floor must be a number of milliseconds (1 or more), found ${JSON.stringify(values['latency-floor'])}`);
  const name = values.name ?? (url ? url.host : defaultName(command));
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) return fail(`--name must be a server name as in .mcp.json (letters, digits, _ . -), found ${JSON.stringify(name)}`);
  const store = new SessionFile(dir, name, url ? 'http' : 'stdio', floor);
  const dropped = dropAbandoned(dir, store.file);
  if (dropped > 0) log(`dropped ${dropped} session(s) of an earlier recording into ${displayPath(out)} that never finished (use --finish to keep one)`);
  const code = url ? await recordHttp(url, port, name, store, log) : await recordStdio(command, store, log);
  store.end();
  if (!finishRecording(dir, out, false, log)) {
    const open = readSessions(dir).filter((s) => s.live).map((s) => s.server);
    if (open.length > 0) log(`${name} ended; the journey is written when ${open.join(', ')} end${open.length === 1 ? 's' : ''} (or run: mcp-journeys record --out ${displayPath(out)} --finish)`);
  }
  return code;
}

const LAUNCHERS = new Set(['node', 'npx', 'npm', 'pnpm', 'bunx', 'bun', 'deno', 'python', 'python3', 'uv', 'uvx', 'tsx', 'docker', 'pipx', 'java']);
const GENERIC = new Set(['main', 'index', 'server', 'run_server', 'app', 'cli', 'run']);

/** A name for the server from its command: the program, or for a launcher (node, npx, uvx …) the first
 * argument that is not an option; `…/codebase-mcp/main.ts` is codebase-mcp. */
export function defaultName(command: readonly string[]): string {
  const base = (p: string): string => path.basename(p).replace(/@[^/]*$/, '').replace(/\.[cm]?[jt]s$|\.py$/, '');
  const program = command[0] ?? 'server';
  if (!LAUNCHERS.has(base(program))) return base(program).replace(/[^A-Za-z0-9_.-]/g, '_') || 'server';
  const target = command.slice(1).find((a) => !a.startsWith('-') && a !== 'run' && a !== 'tsx' && !/^(exec|x)$/.test(a));
  if (!target) return base(program);
  const name = GENERIC.has(base(target)) ? path.basename(path.dirname(target)) : base(target);
  return name.replace(/^@[^/]*\//, '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'server';
}
