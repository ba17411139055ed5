// A load thread: plays its share of a load's sessions off the journey worker's event loop (loadThreads.ts
// starts it), with the same session layer and step executors as the worker, and sends the calls back in
// batches. Its RunContext has what test_steps of a threaded load may use (loadThreads.ts's offLoopReason
// keeps the rest on the worker).
import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { openSession } from '../../mcp/index.js';
import type { McpSession } from '../../mcp/types.js';
import { maskText } from '../../report/mask.js';
import { addConfigSecrets, addSecretsIn, SECRET_KEY } from '../../report/secrets.js';
import type { RunContext } from '../context.js';
import { sessionOptions } from '../sessionOptions.js';
import { StepTimeline } from '../timeline.js';
import { Scope } from '../variables.js';
import { quietRunStep } from './iteration.js';
import { newLoadState, runWindow } from './loadSessions.js';
import type { SessionRun } from './loadSessions.js';
import type { FromThread, ThreadCall, ThreadRecipe, ToThread } from './threadMessages.js';

const BATCH_MS = 50;
const BATCH_CALLS = 512;

const port = parentPort;
if (!port) throw new Error('loadThread.ts runs as a worker thread (loadThreads.ts starts it)');
const recipe = workerData as ThreadRecipe;
const post = (message: FromThread): void => { port.postMessage(message); };

addConfigSecrets(recipe.config);
for (const [name, captured] of recipe.variables) if (SECRET_KEY.test(name)) addSecretsIn({ [name]: captured.value });

const aborted = new AbortController();
const stop = new AbortController();
// Every session of the thread listens to both while it waits (as the worker's own test signal allows).
setMaxListeners(0, aborted.signal, stop.signal);
const state = { ...newLoadState(), changes: [] };
const opened = new Set<McpSession>();
const cleanups: (() => Promise<void>)[] = [];
const gates = new Map<number, (go: boolean) => void>();
let batch: ThreadCall[] = [];
let nextGate = 0;

function flush(): void {
  if (batch.length === 0 && state.changes.length === 0) return;
  post({ type: 'calls', calls: batch, active: state.active, changes: state.changes });
  batch = [];
  state.changes = [];
}

let go: (start: number) => void = () => undefined;
const started = new Promise<number>((resolve) => { go = resolve; });

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'go': go(message.start); break;
    case 'opened': gates.get(message.id)?.(message.go); gates.delete(message.id); break;
    case 'flush': flush(); post({ type: 'flushed', id: message.id }); break;
    case 'stop': stop.abort(); break;
    case 'abort': aborted.abort(new Error(message.reason)); break;
  }
});

const scope = new Scope(recipe.builtins).child(Object.fromEntries(recipe.variables), true);
const options = sessionOptions(recipe.journey.session, recipe.builtins.env, scope.render);
const ctx: Omit<RunContext, 'session'> = {
  scope, phase: 'test', signal: aborted.signal, records: [],
  sql: () => Promise.reject(new Error('sql steps run on the journey worker, not in a load thread')),
  openSessions: (count) => Promise.all(Array.from({ length: count }, async () => {
    const session = await openSession(recipe.config, recipe.journey.servers, options);
    opened.add(session);
    const close = session.close.bind(session);
    session.close = () => { opened.delete(session); return close(); };
    return session;
  })),
  runStep: (step, inner) => quietRunStep(step, inner),
  warn: () => undefined,
  baseUrl: (server) => recipe.baseUrls[server],
  timeline: new StepTimeline(),
  defer: (cleanup) => { cleanups.push(cleanup); },
};

post({ type: 'ready' });
const run: SessionRun = {
  schedule: recipe.schedule, start: await started, journey: recipe.journey, ctx, state, stop: stop.signal,
  record: (call) => {
    batch.push(call);
    if (batch.length >= BATCH_CALLS) flush();
  },
  ...(recipe.gated ? {
    opens: (startMs: number) => new Promise<boolean>((resolve) => {
      const id = nextGate++;
      gates.set(id, resolve);
      post({ type: 'opens', id, startMs });
    }),
  } : {}),
};

const timer = setInterval(flush, BATCH_MS);
let outcome: FromThread;
try {
  await Promise.all(recipe.windows.flatMap((session) => session.map((w) => runWindow(w, run))));
  outcome = { type: 'done', totals: { examples: state.examples.map(maskText), connections: state.connections } };
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  outcome = { type: 'failed', message: maskText(error.message), ...(error.stack === undefined ? {} : { stack: maskText(error.stack) }) };
}
clearInterval(timer);
flush();
// Closed before the worker hears the end: it may terminate this thread as soon as it does.
await Promise.allSettled([...opened].map((s) => s.close()));
await Promise.allSettled(cleanups.reverse().map((cleanup) => cleanup()));
post(outcome);
port.close();
