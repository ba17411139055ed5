// `record -- <command…>`: stands where the stdio server stood in Claude Code's `.mcp.json`. The server's
// stdin and stdout are relayed byte for byte (its stderr is ours), and a copy of each line is kept. The
// session ends when the client closes stdin (the server then exits) or signals us; the server's exit
// code is ours.
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { SECRET_KEY } from '../report/secrets.js';
import { now, type SessionFile, type Side } from './recordStore.js';

/** Grace for the server to exit after the client went: Claude Code's SDK sends SIGKILL 2 s after SIGTERM. */
const EXIT_GRACE_MS = 1000;

export function lineSplitter(onLine: (line: string, t: number) => void): (chunk: Buffer) => void {
  let pending = '';
  // A character split between two chunks is joined again.
  const decoder = new StringDecoder('utf8');
  return (chunk) => {
    const t = now();
    pending += decoder.write(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (line.trim() !== '') onLine(line, t);
    }
  };
}

function keep(store: SessionFile, from: Side): (chunk: Buffer) => void {
  return lineSplitter((line, t) => {
    try {
      store.message(from, 'stdio', JSON.parse(line) as unknown, t);
    } catch {
      // Not JSON-RPC (a server's stray print): relayed, not recorded.
    }
  });
}

export function recordStdio(command: readonly string[], store: SessionFile, log: (line: string) => void): Promise<number> {
  for (const [name, value] of Object.entries(process.env)) if (SECRET_KEY.test(name)) store.secret(value);
  const [program, ...args] = command;
  const child = spawn(program ?? '', args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      process.stdin.unpipe(child.stdin);
      // A client that signalled us may still hold our stdin open; it must not keep us alive.
      process.stdin.destroy();
      resolve(code);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      child.kill(signal);
      setTimeout(() => finish(signal === 'SIGINT' ? 130 : 143), EXIT_GRACE_MS).unref();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    child.once('error', (error) => {
      log(`cannot start ${program ?? ''}: ${error.message}`);
      finish(127);
    });
    // close, not exit: the last lines of its stdout are relayed and kept first.
    child.once('close', (code) => finish(code ?? 1));
    child.stdin.on('error', () => undefined);
    process.stdin.on('data', keep(store, 'client'));
    process.stdin.pipe(child.stdin);
    child.stdout.on('data', keep(store, 'server'));
    child.stdout.pipe(process.stdout);
  });
}
