// The requests beyond tools/call and resources/read, sent through the SDK's typed request so each result
// is checked against its MCP schema (a bad one is a protocol error). Lists are read to their end.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CompleteResultSchema, EmptyResultSchema, GetPromptResultSchema, ListPromptsResultSchema, ListResourceTemplatesResultSchema,
  ListResourcesResultSchema, ListToolsResultSchema, type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { allPages } from './pages.js';
import type { ProtocolRequest } from './types.js';

/** What a step's request is called in messages: the method, and the prompt or URI it names. */
export function describeRequest(request: ProtocolRequest): string {
  if (!('params' in request)) return request.method;
  const p = request.params;
  if ('uri' in p) return `${request.method} ${p.uri}`;
  if ('name' in p) return `${request.method} ${p.name}`;
  return `${request.method} ${p.ref.type === 'ref/prompt' ? p.ref.name : p.ref.uri} ${p.argument.name}`;
}

const cursorParams = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

/** Every tool, every page (the SDK's listTools keeps only the last page's output schemas). */
export async function listAllTools(client: Client, options: RequestOptions): Promise<Tool[]> {
  const { items } = await allPages('tools/list', async (cursor) => {
    const r = await client.request({ method: 'tools/list', params: cursorParams(cursor) }, ListToolsResultSchema, options);
    return { items: r.tools, nextCursor: r.nextCursor };
  });
  return items;
}

export async function sendProtocol(client: Client, request: ProtocolRequest, options: RequestOptions): Promise<Record<string, unknown>> {
  switch (request.method) {
    case 'prompts/list': {
      const { items } = await allPages(request.method, async (cursor) => {
        const r = await client.request({ method: request.method, params: cursorParams(cursor) }, ListPromptsResultSchema, options);
        return { items: r.prompts, nextCursor: r.nextCursor };
      });
      return { prompts: items };
    }
    case 'resources/list': {
      const { items } = await allPages(request.method, async (cursor) => {
        const r = await client.request({ method: request.method, params: cursorParams(cursor) }, ListResourcesResultSchema, options);
        return { items: r.resources, nextCursor: r.nextCursor };
      });
      return { resources: items };
    }
    case 'resources/templates/list': {
      const { items } = await allPages(request.method, async (cursor) => {
        const r = await client.request({ method: request.method, params: cursorParams(cursor) }, ListResourceTemplatesResultSchema, options);
        return { items: r.resourceTemplates, nextCursor: r.nextCursor };
      });
      return { resourceTemplates: items };
    }
    case 'ping':
      return client.request({ method: 'ping' }, EmptyResultSchema, options);
    case 'prompts/get':
      return client.request({ method: request.method, params: request.params }, GetPromptResultSchema, options);
    case 'completion/complete':
      return client.request({ method: request.method, params: request.params }, CompleteResultSchema, options);
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return client.request({ method: request.method, params: request.params }, EmptyResultSchema, options);
  }
}
