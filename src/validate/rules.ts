// The Integration Test Case's own rules (assertions cover a success and an error case), plus the
// step rules the schema cannot say plainly (a fault needs a target and one toxic, or `clear`).
import type { Diagnostic } from '../common/diagnostic.js';
import { parseDuration } from '../common/duration.js';
import { diagnostic } from '../load/diagnose.js';
import type { LoadedFile } from '../load/loadedFile.js';
import type { ExpandedStep } from './expanded.js';
import { isRecord, walkAllSteps } from './walk.js';
import type { Obj, StepRef } from './walk.js';

const TOXICS = ['down', 'latency', 'bandwidth', 'slow_close', 'timeout', 'reset_peer', 'slicer', 'limit_data'];
const FAILURE_KEYS = ['error', 'unavailable', 'timeout', 'protocol_error'];
const NOTIFICATION_KEYS = ['progress', 'logs', 'notifications'];
/** Steps that hear notifications: every MCP request, and wait_for. Only tools/call carries a progress
 * token, and a server sends progress only for a token the request carried. */
const REQUESTS = ['call', 'read', 'list_tools', 'list_prompts', 'get_prompt', 'list_resources', 'list_resource_templates', 'complete', 'ping', 'subscribe', 'unsubscribe', 'wait_for'];
const HEARS: Record<string, readonly string[]> = { progress: ['call'], logs: REQUESTS, notifications: REQUESTS };

function expectCases(expect: unknown): { success: boolean; error: boolean } {
  if (!isRecord(expect)) return { success: false, error: false };
  const outcome = expect['outcome'];
  const failure = FAILURE_KEYS.some((k) => expect[k] !== undefined && expect[k] !== false) || (typeof outcome === 'string' && outcome !== 'ok');
  const success = outcome === 'ok' || (!failure && ['result', 'schema', 'latency_ms', 'snapshot', ...NOTIFICATION_KEYS].some((k) => expect[k] !== undefined));
  return { success, error: failure };
}

function referencesExpectStale(step: Obj): boolean {
  const spec = step['references'];
  const expect = isRecord(spec) ? spec['expect'] : undefined;
  if (!isRecord(expect)) return false;
  const stale = expect['stale'];
  return (Array.isArray(stale) && stale.length > 0) || (typeof expect['stale_count'] === 'number' && expect['stale_count'] > 0);
}

/** Success and error cases, counted over step expectations (fragments included) and journey assertions. */
export function checkCoverage(journey: LoadedFile, steps: ExpandedStep[]): Diagnostic[] {
  const root = journey.value;
  if (!isRecord(root) || !Array.isArray(root['test_steps']) || root['test_steps'].length === 0) return [];
  let success = false;
  let error = false;
  for (const { step } of steps) {
    const cases = expectCases(step.doc['expect']);
    // A contract step asserts that the server still offers what it did.
    success ||= cases.success || step.kind === 'contract';
    error ||= cases.error || (step.kind === 'references' && referencesExpectStale(step.doc));
  }
  for (const assertion of Array.isArray(root['assertions']) ? root['assertions'] : []) {
    if (!isRecord(assertion)) continue;
    const outcome = assertion['outcome'];
    if (isRecord(outcome) && typeof outcome['is'] === 'string') {
      if (outcome['is'] === 'ok') success = true;
      else error = true;
    } else if ('latency' in assertion || 'that' in assertion) {
      success = true;
    }
  }
  const at = journey.keyLocate(['assertions']) ?? journey.keyLocate(['test_steps']);
  const out: Diagnostic[] = [];
  if (!success) {
    out.push(diagnostic(journey.file, 'JOURNEY_RULE', 'the journey asserts no success case', at, {
      expected: 'a step expect with outcome: ok, result, schema, snapshot or latency_ms, or a latency, that or outcome (is: ok) assertion',
      found: 'no success expectation',
      hint: 'check what a working step returns, e.g. expect: { result: { "$.results": { minItems: 1 } } }',
    }));
  }
  if (!error) {
    out.push(diagnostic(journey.file, 'JOURNEY_RULE', 'the journey asserts no error case', at, {
      expected: 'a step expect with error, unavailable, timeout, protocol_error or a non-ok outcome, a references step expecting stale ones, or an outcome assertion with a non-ok kind',
      found: success ? 'only success expectations' : 'no expectations',
      hint: 'add a step that must fail, e.g. call with an empty title and expect: { error: "cannot be empty" }',
    }));
  }
  return out;
}

/** A bad duration is the schema's to report. */
function millis(value: unknown): number | undefined {
  return typeof value === 'number' || typeof value === 'string' ? parseDuration(value) : undefined;
}

/** A step can only end `cancelled` when it cancels its call, and only before its timeout ends it. */
function cancelRules(source: LoadedFile, step: StepRef): Diagnostic[] {
  const expect = step.doc['expect'];
  const cancelAfter = millis(step.doc['cancel_after']);
  const out: Diagnostic[] = [];
  if (isRecord(expect) && expect['outcome'] === 'cancelled' && (step.kind !== 'call' || step.doc['cancel_after'] === undefined)) {
    out.push(diagnostic(source.file, 'JOURNEY_RULE', 'nothing cancels this step, so it cannot end cancelled', source.locate([...step.path, 'expect', 'outcome']), {
      expected: 'a call step with cancel_after', found: step.kind === 'call' ? 'a call without cancel_after' : `a ${step.kind ?? 'step'} step`,
      hint: 'add cancel_after: 200ms to the call, to cancel it as Claude Code does on Esc',
    }));
  }
  const timeout = millis(step.doc['timeout']);
  if (cancelAfter !== undefined && timeout !== undefined && cancelAfter >= timeout) {
    out.push(diagnostic(source.file, 'JOURNEY_RULE', 'the call times out before cancel_after would cancel it', source.locate([...step.path, 'cancel_after']), {
      expected: `cancel_after under the step's timeout (${timeout} ms)`, found: `${cancelAfter} ms`,
      hint: 'shorten cancel_after, or lengthen timeout',
    }));
  }
  return out;
}

/** Per file: fault and references steps that the schema accepts but that cannot mean anything. */
export function checkStepRules(source: LoadedFile, fragment: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkAllSteps(source.value, fragment, (step) => {
    const spec = step.kind ? step.doc[step.kind] : undefined;
    if (step.kind === 'fault' && isRecord(spec)) {
      const toxics = TOXICS.filter((t) => spec[t] !== undefined && spec[t] !== false);
      const at = source.keyLocate([...step.path, 'fault']);
      if (spec['clear'] !== undefined) {
        if (toxics.length > 0) {
          out.push(diagnostic(source.file, 'JOURNEY_RULE', 'a fault step either clears faults or adds one, not both', at, {
            found: `clear and ${toxics.join(', ')}`, hint: 'split it into two fault steps',
          }));
        }
      } else if (spec['target'] === undefined || toxics.length !== 1) {
        out.push(diagnostic(source.file, 'JOURNEY_RULE', spec['target'] === undefined ? 'a fault needs a target' : `a fault step adds exactly one toxic, found ${toxics.length}`, at, {
          expected: `target and one of ${TOXICS.join(', ')} (or clear)`,
          found: Object.keys(spec).join(', ') || 'nothing',
          hint: toxics.length > 1 ? 'use one fault step per toxic' : 'for example: fault: { target: codebase-mcp, down: true }',
        }));
      }
    }
    const expect = step.doc['expect'];
    if (step.kind && isRecord(expect)) {
      for (const key of NOTIFICATION_KEYS) {
        const kinds = HEARS[key] ?? [];
        if (expect[key] === undefined || kinds.includes(step.kind)) continue;
        out.push(diagnostic(source.file, 'JOURNEY_RULE', `a ${step.kind} step receives no ${key === 'progress' ? 'progress notifications' : 'notifications'}`, source.keyLocate([...step.path, 'expect', key]), {
          expected: key === 'progress' ? 'expect.progress on a call step' : `expect.${key} on an MCP request (call, read, a list, get_prompt, complete, ping, subscribe, unsubscribe) or a wait_for`,
          found: `expect.${key} on a ${step.kind} step`,
          hint: key === 'progress' ? 'progress comes with tools/call: expect it on the call step' : 'expect it on the MCP request during which the server sends it, or wait for it with wait_for',
        }));
      }
    }
    out.push(...cancelRules(source, step));
    if (step.kind === 'references' && isRecord(spec) && Array.isArray(spec['vars']) && isRecord(spec['expect'])) {
      const vars = new Set(spec['vars']);
      const expect = spec['expect'];
      for (const key of ['valid', 'stale']) {
        const list = expect[key];
        if (!Array.isArray(list)) continue;
        list.forEach((name, i) => {
          if (typeof name !== 'string' || vars.has(name)) return;
          out.push(diagnostic(source.file, 'JOURNEY_RULE', `"${name}" is not one of the references checked`, source.locate([...step.path, 'references', 'expect', key, i]), {
            expected: `one of vars: ${[...vars].map(String).join(', ')}`, found: name, hint: `add ${name} to references.vars`,
          }));
        });
      }
    }
  });
  return out;
}
