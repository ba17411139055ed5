// The simulated Claude Code session: one MCP client per required server, connected in parallel; calls
// come back as outcomes (never thrown), with latency measured around the MCP request alone.
import { CallToolResultSchema, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { capResult, type Capped } from './cap.js';
import { outputSchemaProblem } from './outputSchema.js';
import { resourceValue, toolValue } from './outcome.js';
import { describeRequest, listAllTools, sendProtocol } from './protocol.js';
import { ServerSlot, type Exchange } from './serverSlot.js';
import { rememberTools, toolsOf } from './toolList.js';
import type {
  CallOptions, CallOutcome, McpConfig, NotificationWait, OpenedSession, ProtocolRequest, ReceivedNotification, Root, ServerInfo, SessionOptions, WaitOptions,
} from './types.js';

export async function openSession(config: McpConfig, servers: string[], options: SessionOptions): Promise<OpenedSession> {
  const session = new Session(config, servers, options);
  await session.open();
  return session;
}

class Session implements OpenedSession {
  failed: ServerInfo[] = [];
  private readonly slots = new Map<string, ServerSlot>();
  private readonly missing: ServerInfo[] = [];
  private readonly closing = new AbortController();
  private closed: Promise<void> | undefined;
  private current: Root[];

  constructor(config: McpConfig, servers: string[], private readonly options: SessionOptions) {
    this.current = options.roots ?? [];
    const roots = (): Root[] => this.current;
    for (const name of new Set(servers)) {
      const entry = config.servers[name];
      if (entry) this.slots.set(name, new ServerSlot(entry, options, this.closing.signal, roots));
      else {
        const known = Object.keys(config.servers).join(', ') || 'none';
        this.missing.push({ name, transport: 'stdio', address: config.source, connected: false, error: `${name} is not configured in ${config.source} (configured: ${known})` });
      }
    }
  }

  async open(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => slot.open()));
    this.failed = this.info().filter((server) => !server.connected);
  }

  info(): ServerInfo[] {
    return [...[...this.slots.values()].map((slot) => slot.info()), ...this.missing];
  }

  async callTool(server: string, tool: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallOutcome> {
    const slot = this.slot(server);
    const check = this.options.checkOutputSchema !== false;
    const exchange = await slot.request(`tools/call ${tool}`, async (client, req, progressToken) => {
      const tools = toolsOf(client);
      const name = tools.resolve(tool);
      // The SDK's callTool would throw on an outputSchema mismatch and lose the result: the request itself
      // is sent, and the result checked here, so the step still shows what came back.
      // A progressToken, as Claude Code sends, so the server may report progress (the session records it).
      const result = await client.request({ method: 'tools/call', params: { name, arguments: args, _meta: { progressToken } } }, CallToolResultSchema, req);
      return { name, result, problem: check ? outputSchemaProblem(name, tools.outputSchema(name), result) : undefined };
    }, options);
    if (!exchange.result) return failed(slot, exchange);
    const { name, result, problem } = exchange.result;
    const capped = capResult(result, this.options.maxOutputTokens);
    const value = toolValue(capped.result);
    const named = (o: CallOutcome): CallOutcome => (name === tool ? o : { ...o, tool: name });
    if (problem !== undefined) return named(outcome('protocol_error', value, capped, exchange, `${server}: tools/call ${name}: ${problem}`));
    if (capped.result.isError === true) {
      const said = oneLine(String(value)) || '(no content: the result had isError and no text)';
      return named(outcome('tool_error', value, capped, exchange, `${server}: ${tool} returned a tool error: ${said}`));
    }
    return named(outcome('ok', value, capped, exchange, capMessage(server, `tools/call ${tool}`, capped)));
  }

  async readResource(server: string, uri: string, options?: CallOptions): Promise<CallOutcome> {
    const slot = this.slot(server);
    const exchange = await slot.request(`resources/read ${uri}`, (client, req) => client.readResource({ uri }, req), options);
    if (!exchange.result) return failed(slot, exchange);
    const capped = capResult<ReadResourceResult>(exchange.result, this.options.maxOutputTokens);
    return outcome('ok', resourceValue(capped.result), capped, exchange, capMessage(server, `resources/read ${uri}`, capped));
  }

  async listTools(server: string, options?: CallOptions): Promise<CallOutcome> {
    const slot = this.slot(server);
    const exchange = await slot.request('tools/list', async (client, req) => {
      const tools = await listAllTools(client, req);
      // The freshest list is the one calls go by, as Claude Code re-reads it on list_changed.
      rememberTools(client, tools);
      return { tools };
    }, options);
    if (!exchange.result) return failed(slot, exchange);
    return outcome('ok', exchange.result, { result: exchange.result }, exchange, undefined);
  }

  async request(server: string, request: ProtocolRequest, options?: CallOptions): Promise<CallOutcome> {
    const slot = this.slot(server);
    const exchange = await slot.request(describeRequest(request), (client, req) => sendProtocol(client, request, req), options);
    if (!exchange.result) return failed(slot, exchange);
    return outcome('ok', exchange.result, { result: exchange.result }, exchange, undefined);
  }

  roots(): Root[] {
    return [...this.current];
  }

  async setRoots(roots: Root[]): Promise<string[]> {
    this.current = roots;
    const told = await Promise.all([...this.slots].map(async ([name, slot]) => ((await slot.rootsChanged()) ? [name] : [])));
    return told.flat();
  }

  waitForNotification(server: string, accept: (n: ReceivedNotification) => boolean, options: WaitOptions): Promise<NotificationWait> {
    return this.slot(server).notifications.waitFor(accept, options.since, options.timeoutMs, options.signal);
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      await Promise.all([...this.slots.values()].map((slot) => slot.close()));
    })();
    return this.closed;
  }

  private slot(server: string): ServerSlot {
    const slot = this.slots.get(server);
    if (slot) return slot;
    // A journey naming a server outside servers_required is a validation error, so this is a runner bug.
    throw new Error(`${server} is not part of this session (servers: ${[...this.slots.keys()].join(', ') || 'none'})`);
  }
}

function outcome(kind: CallOutcome['kind'], value: unknown, capped: Capped<unknown>, exchange: Exchange<unknown>, message: string | undefined): CallOutcome {
  const result: CallOutcome = {
    kind,
    value,
    raw: capped.result,
    latencyMs: exchange.latencyMs,
    totalMs: performance.now() - exchange.start,
    attempts: exchange.attempts,
  };
  if (message !== undefined) result.message = message;
  if (capped.truncated) result.truncated = capped.truncated;
  if (exchange.serverRequests) result.serverRequests = exchange.serverRequests;
  if (exchange.notifications.length > 0) result.notifications = exchange.notifications;
  return result;
}

function failed(slot: ServerSlot, exchange: Exchange<unknown>): CallOutcome {
  const failure = exchange.failure ?? { kind: 'protocol_error', detail: 'no result' };
  const where = failure.kind === 'unavailable' ? ` (${slot.entry.type} ${slot.address})` : '';
  const message = `${slot.entry.name}${where}: ${oneLine(failure.detail)}`;
  const result: CallOutcome = {
    kind: failure.kind,
    // A tool error's value is its text, which `expect: { error: … }` matches; here the cap is that text.
    value: failure.kind === 'tool_error' ? message : undefined,
    message,
    latencyMs: exchange.latencyMs,
    totalMs: performance.now() - exchange.start,
    attempts: exchange.attempts,
    ...(exchange.serverRequests ? { serverRequests: exchange.serverRequests } : {}),
  };
  if (exchange.notifications.length > 0) result.notifications = exchange.notifications;
  return result;
}

function capMessage(server: string, what: string, capped: Capped<unknown>): string | undefined {
  const t = capped.truncated;
  if (!t) return undefined;
  return `${server}: ${what} returned about ${t.originalTokens.toLocaleString('en-US')} tokens, over the output cap of ${t.limitTokens.toLocaleString('en-US')} (MAX_MCP_OUTPUT_TOKENS); the result was cut to the cap`;
}

function oneLine(text: string, max = 500): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
