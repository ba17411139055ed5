// Raw HTTP against the API, to pin statuses, headers and bodies byte for byte.
import { expect } from '@playwright/test';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

export async function request(baseUrl: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${baseUrl}${path}`, { method, body: payload, headers, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

/** The real server's error replies: http.Error with a JSON line, content type reset to text/plain. */
export function expectApiError(reply: Reply, status: number, message: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  expect(reply.text).toBe(`${JSON.stringify({ error: message, status })}\n`);
}

export function expectJson(reply: Reply, status: number): unknown {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json');
  return reply.json();
}
