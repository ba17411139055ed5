// `references:` — asks the server that issued captured references (e.g. chunk ids from search_code)
// which of them it still knows, through its resolving tool (codebase-mcp.get_code_chunks), and checks
// them against `valid` / `stale` / counts. A failure names each reference, where it was captured
// (server, tool, step, line) and what the issuing server says about it now.
import { relative } from 'node:path';
import { queryAll, queryResult } from '../../common/jsonPath.js';
import type { ReferencesStepPlan, SourceLocation } from '../../compile/plan.js';
import type { RunContext } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { show } from '../expect/matchers.js';
import { noteParameters } from '../journeyReport.js';
import type { Captured } from '../variables.js';
import { callOptions } from './call.js';
import { playOutcomeStep } from './outcomeStep.js';

interface Reference {
  variable: string;
  id: string;
  captured: Captured;
}

interface Problem {
  message: string;
  location: SourceLocation;
}

function referencesOf(step: ReferencesStepPlan, ctx: RunContext): Reference[] {
  return step.vars.flatMap((variable) => {
    const captured = ctx.scope.get(variable);
    if (!captured) throw new JourneyStepError(`${step.title}: variable "${variable}" has no value (no earlier step saved it)`, 'TEMPLATE', step.location);
    const ids = Array.isArray(captured.value) ? captured.value : [captured.value];
    if (ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
      throw new JourneyStepError(`${step.title}: "${variable}" holds ${show(captured.value)}, not a reference id or a list of them`, 'RUNTIME', step.location);
    }
    return (ids as string[]).map((id) => ({ variable, id, captured }));
  });
}

function origin(ref: Reference): string {
  const p = ref.captured.provenance;
  const at = `${relative(process.cwd(), p.location.file)}:${p.location.line}`;
  if (p.origin !== 'save') return `set by ${p.origin} at ${at}`;
  const by = p.server && p.tool ? `${p.server}.${p.tool}` : (p.server ?? 'a step');
  return `captured by ${by} in step "${p.step ?? '?'}" at ${at}`;
}

/** What the issuing server returned for one id: the matching entry of the answer, or where it is missing. */
function serverSays(id: string, answer: unknown, tool: string, resolved: boolean): string {
  if (!resolved) {
    const missing = typeof answer === 'object' && answer !== null && 'missing' in answer && Array.isArray(answer.missing) && answer.missing.includes(id);
    return `${tool} ${missing ? 'lists it under missing' : 'does not return it'}`;
  }
  const entries = queryAll(answer, '$..*').filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.values(v).includes(id));
  const entry = entries[0];
  if (!entry) return `${tool} still returns it`;
  const where = typeof entry['file_path'] === 'string' ? ` (${entry['file_path']}${typeof entry['start_line'] === 'number' ? `:${entry['start_line']}-${String(entry['end_line'])}` : ''})` : '';
  return `${tool} still returns it${where}`;
}

function checkRefs(step: ReferencesStepPlan, refs: Reference[], found: Set<string>, answer: unknown): Problem[] {
  const tool = `${step.server}.${step.tool}`;
  const expect = step.references;
  const problems: Problem[] = [];
  const isValid = (r: Reference): boolean => found.has(r.id.toLowerCase());
  const wanted: [string[] | undefined, boolean, SourceLocation | undefined][] = [[expect.valid, true, expect.locations.valid], [expect.stale, false, expect.locations.stale]];
  for (const [names, valid, location] of wanted) {
    for (const ref of refs.filter((r) => names?.includes(r.variable) && isValid(r) !== valid)) {
      problems.push({
        message: `${ref.variable} = ${ref.id}: expected ${valid ? 'valid' : 'stale'}, but ${serverSays(ref.id, answer, tool, !valid)}\n    ${origin(ref)}`,
        location: location ?? step.location,
      });
    }
  }
  const validCount = refs.filter(isValid).length;
  const counts: [number | undefined, number, string, SourceLocation | undefined][] = [
    [expect.validCount, validCount, 'valid_count', expect.locations.validCount],
    [expect.staleCount, refs.length - validCount, 'stale_count', expect.locations.staleCount],
  ];
  for (const [want, got, key, location] of counts) {
    if (want === undefined || want === got) continue;
    const list = (valid: boolean) => refs.filter((r) => isValid(r) === valid).map((r) => `${r.variable}=${r.id}`).join(', ') || 'none';
    problems.push({
      message: `${key}: expected ${want}, received ${got} of ${refs.length}\n    valid: ${list(true)}\n    stale: ${list(false)}`,
      location: location ?? step.location,
    });
  }
  return problems;
}

export async function runReferences(step: ReferencesStepPlan, ctx: RunContext): Promise<void> {
  const refs = referencesOf(step, ctx);
  const ids = [...new Set(refs.map((r) => r.id))];
  const played = await playOutcomeStep(step, ctx, () => {
    const args = { ...(ctx.scope.render(step.args) as Record<string, unknown>), [step.idsArg]: ids };
    return ctx.session.callTool(step.server, step.tool, args, callOptions(step.timeoutMs, ctx));
  }, { server: step.server, tool: step.tool });
  // A journey that expects the resolving call itself to fail has checked that already.
  if (played.kind !== 'ok') return;
  const found = new Set(queryResult(played, step.found).map((v) => String(v).toLowerCase()));
  const validCount = refs.filter((r) => found.has(r.id.toLowerCase())).length;
  const entry = ctx.records.filter((r) => r.location === step.location).pop();
  if (entry) {
    Object.assign(entry, { valid: validCount, stale: refs.length - validCount });
    noteParameters(entry, [['valid', String(validCount)], ['stale', String(refs.length - validCount)]]);
  }
  const problems = checkRefs(step, refs, found, played.value);
  if (problems.length === 0) return;
  const error = new JourneyStepError(
    `${problems.length === 1 ? 'Reference check failed' : `${problems.length} reference checks failed`} (${step.server}.${step.tool})\n  ${problems.map((p) => p.message).join('\n  ')}`,
    'EXPECTATION_FAILED', problems[0]?.location ?? step.location, { actual: played.value },
  );
  if (entry) Object.assign(entry, { status: 'failed', category: error.category, error: error.message.split('\n')[0] ?? '' });
  throw error;
}
