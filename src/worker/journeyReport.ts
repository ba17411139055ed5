// Feeds a journey's report through public channels only (test.step parameters, attachments,
// allure-js-commons calls): per step what it measured and what was said, per journey its identity, its
// latency chart and its run record, per run the servers in environment.properties.
import type { TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import { messageOf } from '../common/messageOf.js';
import { instanceLabel } from '../compile/compileJourney.js';
import type { JourneyPlan } from '../compile/plan.js';
import type { ServerInfo } from '../mcp/types.js';
import { writeEnvironment } from '../report/environment.js';
import { maskText } from '../report/mask.js';
import { chartSteps, renderLatencyChart } from '../report/latencyChart.js';
import { buildRunRecord, writeRunRecord } from '../report/runRecord.js';
import { addSecretsIn } from '../report/secrets.js';
import { exchangeAttachments } from '../report/stepAttachments.js';
import type { Attachment, StepRequest, StepResponse } from '../report/stepAttachments.js';
import type { StepNotes } from '../report/stepNotes.js';
import type { StepRecord } from './context.js';

/** What a step sent and got back, kept beside its record (not in it: the record is serialised whole). */
const exchanges = new WeakMap<StepRecord, { request: StepRequest; response: StepResponse }>();

export function noteExchange(record: StepRecord, request: StepRequest, response: StepResponse): void {
  // What was sent or came back under a secret-looking name (a rendered `password`, a returned `token`).
  addSecretsIn(request);
  addSecretsIn(response.raw ?? response.value);
  if (response.notifications) addSecretsIn(response.notifications);
  exchanges.set(record, { request, response });
}

/** Parameters particular to a step kind (a fault's proxy, a server step's action), shown before the rest. */
const kindParameters = new WeakMap<StepRecord, [string, string][]>();

export function noteParameters(record: StepRecord, params: [string, string][]): void {
  kindParameters.set(record, [...(kindParameters.get(record) ?? []), ...params]);
}

/** Attachments a step's checks made (a snapshot's diff), shown whatever MCP_JOURNEYS_STEP_ATTACHMENTS says. */
const checkAttachments = new WeakMap<StepRecord, Attachment[]>();

export function noteAttachment(record: StepRecord, attachment: Attachment): void {
  checkAttachments.set(record, [...(checkAttachments.get(record) ?? []), attachment]);
}

/** `MCP_JOURNEYS_STEP_ATTACHMENTS`: `all` (default), `failed` (only failed steps' exchanges), `none`.
 * Less keeps allure-results small for journeys whose calls return large results. */
export const STEP_ATTACHMENTS_ENV = 'MCP_JOURNEYS_STEP_ATTACHMENTS';

function attachExchange(record: StepRecord): boolean {
  const mode = process.env[STEP_ATTACHMENTS_ENV] ?? 'all';
  return mode === 'failed' ? record.status === 'failed' : mode !== 'none';
}

/** Step parameters (where the step went and what it measured) and its request/response attachments. */
export function describeStep(record: StepRecord, notes: StepNotes): void {
  for (const [name, value] of kindParameters.get(record) ?? []) notes.parameter(name, value);
  const exchange = exchanges.get(record);
  const params: [string, string | undefined][] = [
    ['server', record.server],
    ['tool', record.tool],
    // A resource is known by its URI as a tool is by its name (rendered: the title shows it as written).
    ['uri', exchange?.request.kind === 'read' ? exchange.request.uri : undefined],
    ['outcome', record.outcome],
    ['latency_ms', record.latencyMs === undefined ? undefined : String(Math.round(record.latencyMs))],
    ['budget_ms', record.budgetMs === undefined ? undefined : String(record.budgetMs)],
    ['attempts', record.attempts !== undefined && record.attempts > 1 ? String(record.attempts) : undefined],
    ['failure', record.category],
    // Said on the test too, but Allure shows only what the step carries (a cut result, a warn level passed).
    ['warning', record.warning],
    ['server_requests', serverRequestsText(exchanges.get(record)?.response)],
  ];
  for (const [name, value] of params) notes.parameter(name, value);
  for (const a of checkAttachments.get(record) ?? []) notes.attach(a);
  if (!exchange || !attachExchange(record)) return;
  for (const a of exchangeAttachments(exchange.request, exchange.response)) notes.attach(a);
}

/** e.g. `elicitation/create (answered by session.elicitation[0])`, one per request. */
function serverRequestsText(response: StepResponse | undefined): string | undefined {
  const requests = response?.serverRequests ?? [];
  if (requests.length === 0) return undefined;
  return requests.map((r) => `${r.method} from ${r.server} (${r.rule !== undefined ? `answered by ${r.rule}` : r.unanswered !== undefined ? 'unanswered' : 'refused'})`).join('; ');
}

/** test_id is the Allure test case (and history) id, whatever the file or title; labels from the YAML. */
export async function identifyJourney(plan: JourneyPlan): Promise<void> {
  await allure.testCaseId(plan.testId);
  // A matrix's instances are one test case; each has its own history, and says which servers it ran on.
  await allure.historyId(plan.instance ? `${plan.testId} ${instanceLabel(plan.instance)}` : plan.testId);
  for (const [key, server] of Object.entries(plan.instance ?? {})) await allure.parameter(key, server);
  const labels = Object.entries(plan.labels).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (labels.length > 0) await allure.labels(...labels.map(([name, value]) => ({ name, value })));
}

const reported = new Set<string>();

/** Each server once per worker; the file merges what every worker saw. Never fails the journey. */
export function reportServers(servers: readonly ServerInfo[], allureResultsDir: string): void {
  const fresh = servers.filter((s) => s.connected && !reported.has(`${s.name} ${s.address}`));
  if (fresh.length === 0) return;
  try {
    writeEnvironment(allureResultsDir, fresh);
    for (const s of fresh) reported.add(`${s.name} ${s.address}`);
  } catch {
    // A report detail is not worth failing a journey over; the next journey tries again.
  }
}

/** After the journey: its latency chart on the test, and its run record. Never throws. */
export async function reportJourney(plan: JourneyPlan, records: readonly StepRecord[], testInfo: TestInfo, startedAt: Date, runRecordsDir: string): Promise<void> {
  const svg = maskText(renderLatencyChart(chartSteps(records), { title: plan.title }));
  await testInfo.attach('latency chart', { body: svg, contentType: 'image/svg+xml' }).catch(() => undefined);
  try {
    const record = buildRunRecord({
      testId: plan.testId, testName: plan.title, file: plan.relativeFile, project: testInfo.project.name,
      status: testInfo.status ?? 'failed', startedAt, durationMs: Date.now() - startedAt.getTime(), retry: testInfo.retry,
      steps: records, ...(testInfo.error ? { error: { ...(testInfo.error.message === undefined ? {} : { message: testInfo.error.message }) } } : {}),
    });
    writeRunRecord(runRecordsDir, record, undefined, plan.instance ? `${plan.testId} ${instanceLabel(plan.instance)}` : plan.testId);
  } catch (e) {
    testInfo.annotations.push({ type: 'warning', description: `run record not written: ${messageOf(e)}` });
  }
}
