// A validated journey → its plan. Pure: no I/O, no Playwright; the same input gives the same plan.
import { relative, sep } from 'node:path';
import { durationMs } from '../common/duration.js';
import type { AssertionDoc, SessionOptionsDoc, StepDoc } from '../load/journey.js';
import { compileMatcher } from './expectations.js';
import { compileBenchmark, compileLoad } from './perf.js';
import { compileClientOptions } from './clientOptions.js';
import type { AssertionPlan, JourneyPlan, PhasePlan, SessionPlan, StepPlan } from './plan.js';
import { Locator } from './source.js';
import type { CompileInput, DocPath } from './source.js';
import { compileSteps } from './steps.js';
import type { StepContext } from './steps.js';

export interface CompileOptions {
  /** The journeys directory: the first folder under it names the journey's project. */
  journeysDir: string;
}

/** The project of journeys written directly in the journeys directory. */
export const ROOT_FOLDER = 'journeys';

function folderOf(relativeFile: string): string {
  const parts = relativeFile.split('/');
  return parts.length > 1 ? (parts[0] ?? ROOT_FOLDER) : ROOT_FOLDER;
}

/** `[codebase-mcp: codebase-mcp-stdio, workflow-mcp: workflow-mcp]`: what tells a matrix's instances apart. */
export function instanceLabel(instance: Readonly<Record<string, string>>): string {
  return `[${Object.entries(instance).map(([key, server]) => `${key}: ${server}`).join(', ')}]`;
}

function compileSession(doc: SessionOptionsDoc | undefined, loc: Locator): SessionPlan {
  const plan: SessionPlan = {};
  if (!doc) return plan;
  Object.assign(plan, compileClientOptions(doc, loc));
  if (doc.call_timeout !== undefined) plan.callTimeoutMs = durationMs(doc.call_timeout);
  if (doc.startup_timeout !== undefined) plan.startupTimeoutMs = durationMs(doc.startup_timeout);
  if (doc.max_output_tokens !== undefined) plan.maxOutputTokens = doc.max_output_tokens;
  if (doc.check_output_schema !== undefined) plan.checkOutputSchema = doc.check_output_schema;
  if (doc.reconnect) {
    const r = doc.reconnect;
    plan.reconnect = {
      ...(r.attempts !== undefined ? { attempts: r.attempts } : {}),
      ...(r.initial_delay !== undefined ? { initialDelayMs: durationMs(r.initial_delay) } : {}),
      ...(r.max_delay !== undefined ? { maxDelayMs: durationMs(r.max_delay) } : {}),
    };
  }
  return plan;
}

function compileAssertion(doc: AssertionDoc, at: DocPath, loc: Locator): AssertionPlan {
  const location = loc.at(at);
  if ('latency' in doc) {
    const plan: AssertionPlan = { kind: 'latency', step: doc.latency.step, location };
    if (doc.latency.max_ms !== undefined) plan.maxMs = doc.latency.max_ms;
    if (doc.latency.p95_ms !== undefined) plan.p95Ms = doc.latency.p95_ms;
    return plan;
  }
  if ('outcome' in doc) return { kind: 'outcome', step: doc.outcome.step, is: doc.outcome.is, location };
  const { that, ...matcher } = doc;
  return { kind: 'that', template: that, matchers: compileMatcher(matcher, at, loc), location };
}

function phase(steps: StepDoc[] | undefined, key: string, ctx: StepContext): PhasePlan {
  const plan: PhasePlan = { steps: compileSteps(steps, [key], ctx) };
  if (steps !== undefined) plan.location = ctx.loc.key([key]);
  return plan;
}

/** Journeys with a contract step are tagged so `mcp-journeys contract` (and `--grep @contract`) finds them. */
export const CONTRACT_TAG = '@contract';

function hasContract(steps: readonly StepPlan[]): boolean {
  return steps.some((s) => s.kind === 'contract' || ((s.kind === 'parallel' || s.kind === 'include') && hasContract(s.steps)));
}

export function compileJourney(input: CompileInput, options: CompileOptions): JourneyPlan {
  const { doc } = input;
  const loc = new Locator(input.absPath, input.source);
  const ctx: StepContext = { input, file: input.absPath, loc, depth: 0, steps: compileSteps };
  const relativeFile = relative(options.journeysDir, input.absPath).split(sep).join('/');
  const plan: JourneyPlan = {
    testId: doc.test_id,
    title: input.instance ? `${doc.test_name} ${instanceLabel(input.instance)}` : doc.test_name,
    description: doc.description,
    file: input.absPath,
    relativeFile,
    location: loc.key(['test_name']),
    folder: folderOf(relativeFile),
    tags: (doc.tags ?? []).map((t) => (t.startsWith('@') ? t : `@${t}`)),
    annotations: [
      { type: 'test_id', description: doc.test_id },
      { type: 'description', description: doc.description },
    ],
    labels: { ...doc.labels },
    servers: [...doc.servers_required],
    session: compileSession(doc.session, loc),
    vars: { ...doc.vars },
    setup: phase(doc.setup_steps, 'setup_steps', ctx),
    test: phase(doc.test_steps, 'test_steps', ctx),
    teardown: phase(doc.teardown_steps, 'teardown_steps', ctx),
    assertions: (doc.assertions ?? []).map((a, i) => compileAssertion(a, ['assertions', i], loc)),
  };
  if ([plan.setup, plan.test, plan.teardown].some((p) => hasContract(p.steps)) && !plan.tags.includes(CONTRACT_TAG)) plan.tags.push(CONTRACT_TAG);
  const benchmark = compileBenchmark(doc.benchmark, ['benchmark'], loc);
  if (benchmark) plan.benchmark = benchmark;
  const load = compileLoad(doc.load, ['load'], loc);
  if (load) {
    plan.load = load;
    // The journeys reporter keeps it in every shard, where it runs its segment (src/runner/segments.ts).
    plan.annotations.push({ type: 'load', description: 'runs in every shard: its segment of the sessions there' });
  }
  if (doc.timeout !== undefined) plan.timeoutMs = durationMs(doc.timeout);
  if (doc.retries !== undefined) plan.retries = doc.retries;
  if (input.instance) plan.instance = { ...input.instance };
  return plan;
}
