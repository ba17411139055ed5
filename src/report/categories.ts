// Allure categories: why journeys failed, sorted by the first line of the failure message. The stable
// prefix of a failure is its error's name ("LatencyBudgetError: …", as Playwright and allure-playwright
// print `${name}: ${message}`); the runtime names its errors with `errorNameFor(category)`. Messages
// from before that convention are matched by their wording (`legacy`), anchored to the first line.
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';

export type AllureStatus = 'failed' | 'broken' | 'passed' | 'skipped' | 'unknown';

/** One entry of Allure's categories.json (the Allure 2 format; Allure 3 reads the same keys). */
export interface AllureCategory {
  name: string;
  description?: string;
  matchedStatuses?: AllureStatus[];
  messageRegex?: string;
  traceRegex?: string;
  flaky?: boolean;
}

interface CategoryDef {
  /** The runtime's failure category (JourneyStepError.category), also stored in run records. */
  id: string;
  name: string;
  /** The error name the runtime gives failures of this category: the stable prefix. */
  errorName: string;
  description: string;
  /** Regex sources for how the runtime words these failures today, after `JourneyStepError: `. */
  legacy?: string[];
  /** Regex sources for failures reported by Playwright itself, from the start of the message. */
  playwright?: string[];
}

const FAILED: AllureStatus[] = ['failed', 'broken'];

const DEFS: CategoryDef[] = [
  { id: 'latency', name: 'Latency budget exceeded', errorName: 'LatencyBudgetError',
    description: 'The step worked but took longer than its latency budget (expect.latency_ms or a latency assertion).',
    legacy: ['Latency budget exceeded: '] },
  { id: 'unavailable', name: 'Server unavailable', errorName: 'ServerUnavailableError',
    description: 'The MCP server could not be reached or the connection was lost, after reconnect attempts.',
    legacy: ['[^\\n]*? found the server unavailable: '] },
  { id: 'timeout', name: 'Timeout', errorName: 'CallTimeoutError',
    description: 'No answer within the per-call timeout or before the step cancelled the call (cancel_after), or the journey ran past its test timeout.',
    legacy: ['[^\\n]*? timed out: ', '[^\\n]*? was cancelled: '], playwright: ['Test timeout of \\d+ms exceeded', 'TimeoutError: ', 'JourneyTimeoutError: '] },
  { id: 'tool_error', name: 'Tool error', errorName: 'ToolError',
    description: 'The tool answered with isError: true where the journey expected success.',
    legacy: ['[^\\n]*? returned a tool error: '] },
  { id: 'assertion', name: 'Assertion mismatch', errorName: 'AssertionMismatchError',
    description: 'The step ended as it should, but its result, outcome or saved values were not what the journey expects.',
    legacy: ['Expectation failed: ', '\\d+ expectations failed', 'Expected [^\\n]*? to end with outcome ', 'eventually: not true within ',
      'fail_if held on poll ', 'save [^\\n]*?: [^\\n]*? selected nothing', 'no step titled ', '"[^\\n]*?" ended with outcome '] },
  { id: 'stale_reference', name: 'Stale reference', errorName: 'StaleReferenceError',
    description: 'A reference captured earlier (e.g. a chunk id in a work item) no longer resolves on the server that issued it.' },
  { id: 'protocol_error', name: 'Protocol error', errorName: 'ProtocolError',
    description: 'The server broke the MCP protocol: a JSON-RPC error, a refused request or a malformed result.',
    legacy: ['[^\\n]*? failed with a protocol error: '] },
  { id: 'performance_regression', name: 'Performance regression', errorName: 'PerformanceRegressionError',
    description: 'A benchmark or load journey measured a p95 more than the threshold (default 20 %) above its baseline in bench/baselines.' },
  { id: 'load_errors', name: 'Errors under load', errorName: 'LoadErrorsError',
    description: 'Calls of a benchmark or load journey failed (by kind in the result file), more than its error-rate threshold allows, or a server crashed.' },
  { id: 'runtime', name: 'Test defects', errorName: 'JourneyRuntimeError',
    description: 'The journey or the runner went wrong (a template, a SQL setup, an unsupported step), not the servers.' },
];
// Unsupported step kinds are a runner gap: reported with the runner's own problems.
const ALIASES: Record<string, string> = { unsupported: 'runtime' };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Anchored at the start, and ending in `[\s\S]*` so Allure 2's whole-message matching agrees with Allure 3's search. */
function messageRegex(def: CategoryDef): string {
  const alternatives = [`${escapeRegExp(def.errorName)}: `];
  if (def.legacy?.length) alternatives.push(`JourneyStepError: (?:${def.legacy.join('|')})`);
  if (def.playwright?.length) alternatives.push(...def.playwright);
  return `^(?:${alternatives.join('|')})[\\s\\S]*`;
}

/**
 * The categories.json content. Each message matches at most one category, so Allure 2 (every match
 * counts) and Allure 3 (first match wins) sort alike; what matches none falls into Allure's own
 * "Product defects" (failed) and "Test defects" (broken).
 */
export function allureCategories(): AllureCategory[] {
  return DEFS.map((def) => ({ name: def.name, description: def.description, matchedStatuses: FAILED, messageRegex: messageRegex(def) }));
}

/** The error name for a runtime failure category (`JourneyStepError.category`); the stable message prefix. */
export function errorNameFor(category: string): string | undefined {
  const id = ALIASES[category] ?? category;
  return DEFS.find((d) => d.id === id)?.errorName;
}

/** The category a failure message sorts into (first match, as Allure 3 does), or undefined. */
export function classifyMessage(message: string, status: AllureStatus = 'failed'): { id: string; name: string } | undefined {
  if (!FAILED.includes(status)) return undefined;
  const def = DEFS.find((d) => new RegExp(messageRegex(d)).test(message));
  return def ? { id: def.id, name: def.name } : undefined;
}

export const CATEGORIES_FILE = 'categories.json';

/** Writes categories.json into a results dir. Safe to call from every worker: same bytes, atomic replace. */
export function writeCategories(resultsDir: string): string {
  const file = join(resultsDir, CATEGORIES_FILE);
  writeFileAtomic(file, `${JSON.stringify(allureCategories(), null, 2)}\n`, { skipIfSame: true });
  return file;
}
