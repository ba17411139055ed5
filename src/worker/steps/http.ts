// `http: { server, path }` — a plain request to a server's own endpoints (/health, /metrics), next to its
// MCP URL. Any HTTP answer is a result `{ status, headers, body }` (a 503 from /health is data to check);
// no answer at all is *unavailable*, no answer in time is a *timeout*. The request sent and the answer got
// are attached to the step like a call's.
import { messageOf } from '../../common/messageOf.js';
import type { HttpStepPlan } from '../../compile/plan.js';
import type { StepRequest } from '../../report/stepAttachments.js';
import { addSecretsIn } from '../../report/secrets.js';
import type { RunContext } from '../context.js';
import { JourneyStepError } from '../expect/errors.js';
import { playOutcomeStep } from './outcomeStep.js';
import type { Played } from './outcomeStep.js';

/** Requests without a step `timeout` give up after this long. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The user's headers with a JSON body's content type added unless they set one. Names are compared
 * without case, as HTTP does: a plain object spread kept `content-type` beside the user's `Content-Type`,
 * fetch joined them into `application/json, application/json`, and MCP servers answered 415.
 */
function requestHeaders(user: Record<string, string>, hasBody: boolean): Record<string, string> {
  const headers = new Headers();
  // set, not append: the same name twice in the YAML (Accept, accept) is one header, the later one.
  for (const [name, value] of Object.entries(user)) headers.set(name, String(value));
  if (hasBody && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return Object.fromEntries(headers);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = messageOf(cause);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

export async function runHttp(step: HttpStepPlan, ctx: RunContext): Promise<void> {
  const base = ctx.baseUrl(step.server);
  if (base === undefined) {
    throw new JourneyStepError(`${step.title}: ${step.server} has no URL in the MCP configuration (http steps need an http or sse server)`, 'RUNTIME', step.location);
  }
  const timeoutMs = step.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  await playOutcomeStep(step, ctx, async (): Promise<Played> => {
    const url = new URL(String(ctx.scope.render(step.path)), base).toString();
    const rendered = step.body === undefined ? undefined : ctx.scope.render(step.body);
    const headers = requestHeaders(ctx.scope.render(step.headers) as Record<string, string>, rendered !== undefined);
    // A rendered Authorization or API key header is a secret from here on, in the attachment as anywhere.
    addSecretsIn(headers);
    const init: RequestInit = { method: step.method, headers, signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) };
    if (rendered !== undefined) init.body = JSON.stringify(rendered);
    const request: StepRequest = { kind: 'http', server: step.server, method: step.method, url, headers, ...(rendered === undefined ? {} : { body: rendered }) };
    const started = performance.now();
    const timing = () => {
      const latencyMs = performance.now() - started;
      return { latencyMs, totalMs: latencyMs, attempts: [] };
    };
    try {
      const response = await fetch(url, init);
      const body = await readBody(response);
      return { kind: 'ok', value: { status: response.status, headers: Object.fromEntries(response.headers), body }, request, ...timing() };
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const message = timedOut ? `${step.method} ${url}: no answer within ${timeoutMs} ms` : `${step.method} ${url}: ${causeOf(error)}`;
      return { kind: timedOut ? 'timeout' : 'unavailable', value: message, message, request, ...timing() };
    }
  }, { server: step.server });
}
