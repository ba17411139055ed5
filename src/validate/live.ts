// `validate --live`: journeys against the tools the servers report (tools/list), not the tool names the
// MCP configuration declares. Every call step's tool must exist, and its arguments must satisfy the
// tool's inputSchema. Templated values (`${...}`) are unknown until run time, so no error about them or
// anything under them is reported. A step that expects the server to refuse it (an error, a tool_error
// or a protocol_error) sends its arguments on purpose: what the schema refuses there is reported as such,
// not as a problem, so a suite that tests validation can pass.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic, Position } from '../common/diagnostic.js';
import { parseToolName, toolsNamed } from '../common/toolName.js';
import { diagnostic } from '../load/diagnose.js';
import type { DocPath, LoadedFile } from '../load/loadedFile.js';
import { expandedSteps } from './expanded.js';
import { ambiguousTool } from './servers.js';
import { didYouMean } from './suggest.js';
import type { ValidationResult } from './types.js';
import { isRecord } from './walk.js';

export interface LiveTool {
  name: string;
  inputSchema?: unknown;
}

export interface LiveServers {
  /** Tools each reachable server listed. */
  tools: Record<string, LiveTool[]>;
  /** Servers that could not be asked, with why. */
  unreachable: Record<string, string>;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction | undefined {
  if (!isRecord(schema)) return undefined;
  let validate = compiled.get(schema);
  if (!validate) {
    // Tool schemas declare draft-07 or 2020-12; the keywords tools use mean the same in both.
    const { $schema: _ignored, ...rest } = schema;
    try {
      validate = ajv.compile(rest);
    } catch {
      return undefined;
    }
    compiled.set(schema, validate);
  }
  return validate;
}

/** JSON pointers of values that are templates, or hold one. */
function templated(value: unknown, pointer = ''): string[] {
  if (typeof value === 'string') return value.includes('${') ? [pointer] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => templated(v, `${pointer}/${i}`));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => templated(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return [];
}

function underTemplate(error: ErrorObject, templates: string[]): boolean {
  return templates.some((t) => error.instancePath === t || error.instancePath.startsWith(`${t}/`));
}

function pathOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeError(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'args' : `args${pathOf(error.instancePath).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')}`;
  if (error.keyword === 'required') return `${at}: missing required argument "${String((error.params as { missingProperty?: unknown }).missingProperty)}"`;
  if (error.keyword === 'additionalProperties') return `${at}: unknown argument "${String((error.params as { additionalProperty?: unknown }).additionalProperty)}"`;
  return `${at} ${error.message ?? 'is invalid'}`;
}

function locate(source: LoadedFile, stepPath: DocPath, error: ErrorObject): ReturnType<LoadedFile['locate']> {
  const inArgs = [...stepPath, 'args', ...pathOf(error.instancePath).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
  const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
  if (error.keyword === 'additionalProperties' && typeof extra === 'string') return source.locate([...inArgs, extra]) ?? source.locate(inArgs);
  return source.locate(inArgs) ?? source.locate([...stepPath, 'args']) ?? source.locate([...stepPath, 'call']);
}

/** Static diagnostics that already name a step's tool or server: the live check does not repeat them. */
const NAME_CODES: ReadonlySet<string> = new Set(['JOURNEY_UNKNOWN_TOOL', 'JOURNEY_UNKNOWN_SERVER', 'JOURNEY_AMBIGUOUS_TOOL']);

function requiredOf(source: LoadedFile): string[] {
  const root = source.value;
  const required = isRecord(root) ? root['servers_required'] : undefined;
  return Array.isArray(required) ? required.filter((s): s is string => typeof s === 'string') : [];
}

/** The servers to ask: those the journeys require or call, among the ones the active configuration has
 * (`active` undefined: no configuration is known, so every one named). */
export function liveServerNames(result: ValidationResult, active: readonly string[] | undefined): string[] {
  const names = new Set<string>();
  for (const journey of result.checkedJourneys) {
    const required = requiredOf(journey.source);
    for (const name of required) names.add(name);
    for (const { step } of expandedSteps(journey.source, journey.fragments)) {
      const call = step.kind === 'call' ? step.doc['call'] : undefined;
      const ref = typeof call === 'string' ? parseToolName(call, active ?? required) : undefined;
      if (ref) names.add(ref.server);
    }
  }
  return [...names].filter((name) => !active || active.includes(name));
}

/** Arguments the inputSchema refuses, in a step that expects the refusal: reported, not flagged. */
export interface SentOnPurpose {
  code: 'JOURNEY_LIVE_ARGS';
  severity: 'note';
  sent_on_purpose: true;
  /** What the step expects instead of a result: `error`, `outcome: tool_error`, `protocol_error`… */
  expects: string;
  message: string;
  file: string;
  start: Position;
  end?: Position;
}

export interface LiveReport {
  diagnostics: Diagnostic[];
  sentOnPurpose: SentOnPurpose[];
}

/** How the step says it expects the server to refuse the call, if it does. */
function expectedRefusal(expect: unknown): string | undefined {
  if (!isRecord(expect)) return undefined;
  if (expect['error'] !== undefined) return 'error';
  if (expect['protocol_error'] !== undefined && expect['protocol_error'] !== false) return 'protocol_error';
  const outcome = expect['outcome'];
  return outcome === 'tool_error' || outcome === 'protocol_error' ? `outcome: ${outcome}` : undefined;
}

export function checkLive(result: ValidationResult, live: LiveServers, configFile: string): Diagnostic[] {
  return liveReport(result, live, configFile).diagnostics;
}

/**
 * Every well-formed call step of every journey file checked, those with other problems included: a
 * step is judged when its `call` is a tool name and its `args` (if any) a mapping, whatever else the file
 * gets wrong. A name the static checks already reported is not reported again.
 */
export function liveReport(result: ValidationResult, live: LiveServers, configFile: string): LiveReport {
  const out: Diagnostic[] = [];
  const sentOnPurpose: SentOnPurpose[] = [];
  for (const [server, why] of Object.entries(live.unreachable)) {
    out.push(diagnostic(configFile, 'JOURNEY_LIVE_CONNECT', `cannot list the tools of ${server}: ${why}`, undefined, {
      hint: 'start the server (or run without --live to check against the MCP configuration only)',
    }));
  }
  const named = new Set(result.diagnostics.filter((d) => NAME_CODES.has(d.code)).map((d) => `${d.file}:${d.start.line}`));
  const seen = new Set<string>();
  const known = Object.keys(live.tools);
  for (const journey of result.checkedJourneys) {
    const required = requiredOf(journey.source);
    for (const { step, source } of expandedSteps(journey.source, journey.fragments)) {
      const key = `${source.absPath}#${step.path.join('/')}`;
      if (step.kind !== 'call' || seen.has(key)) continue;
      seen.add(key);
      const name = step.doc['call'];
      const rawArgs = step.doc['args'];
      if (rawArgs !== undefined && !isRecord(rawArgs)) continue;
      const ref = typeof name === 'string' ? parseToolName(name, [...known, ...required]) : undefined;
      const tools = ref ? live.tools[ref.server] : undefined;
      if (!ref || !tools) continue;
      const meant = toolsNamed(ref.tool, tools.map((t) => t.name));
      if (meant.length > 1) {
        const at = source.locate([...step.path, 'call']);
        if (at && named.has(`${source.file}:${at.start.line}`)) continue;
        out.push(ambiguousTool(source.file, ref.server, ref.tool, meant, at));
        continue;
      }
      const tool = tools.find((t) => t.name === meant[0]);
      if (!tool) {
        const at = source.locate([...step.path, 'call']);
        if (at && named.has(`${source.file}:${at.start.line}`)) continue;
        const hint = didYouMean(ref.tool, tools.map((t) => t.name));
        out.push(diagnostic(source.file, 'JOURNEY_LIVE_TOOL', `${ref.server} has no tool "${ref.tool}" (tools/list)`, at, {
          expected: `one of ${tools.map((t) => t.name).join(', ')}`, found: ref.tool, ...(hint ? { hint } : {}),
        }));
        continue;
      }
      const validate = validatorFor(tool.inputSchema);
      const args = rawArgs ?? {};
      if (!validate || validate(args)) continue;
      const templates = templated(args);
      const refusal = expectedRefusal(step.doc['expect']);
      for (const error of (validate.errors ?? []).filter((e) => !underTemplate(e, templates))) {
        const message = `${ref.server}.${ref.tool}: ${describeError(error)}`;
        if (refusal) {
          const at = locate(source, step.path, error);
          sentOnPurpose.push({
            code: 'JOURNEY_LIVE_ARGS', severity: 'note', sent_on_purpose: true, expects: refusal, message, file: source.file,
            start: at?.start ?? { line: 1, column: 1 }, ...(at?.end ? { end: at.end } : {}),
          });
          continue;
        }
        out.push(diagnostic(source.file, 'JOURNEY_LIVE_ARGS', message, locate(source, step.path, error), {
          expected: `arguments matching the inputSchema of ${ref.server}.${ref.tool}`, hint: 'see the tool\'s inputSchema in tools/list',
        }));
      }
    }
  }
  return { diagnostics: out, sentOnPurpose };
}
