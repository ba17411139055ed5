import { messageOf } from '../../../common/messageOf.js';
import { ErrBadRequestBody } from '../apiError.js';
import { readJsonValue } from '../goJsonParse.js';
import type { GoJsonValue } from '../goJsonParse.js';
import type { Logger } from '../logger.js';
import type { ProxyCollection } from '../proxyCollection.js';
import type { ApiResponse } from '../response.js';

export interface ApiContext {
  proxies: ProxyCollection;
  log: Logger;
}

export type Handler = (context: ApiContext, params: Record<string, string>, body: Buffer) => ApiResponse | Promise<ApiResponse>;

/** The first JSON value of a request body, or the real server's "bad request body: …" error. */
export function readBody(body: Buffer): GoJsonValue {
  try {
    return readJsonValue(body);
  } catch (error) {
    throw ErrBadRequestBody.because(messageOf(error));
  }
}

export function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

export function flag(record: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = record[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function numeric(record: Record<string, unknown>, key: string, fallback: number): number {
  const value = record[key];
  return typeof value === 'number' ? value : fallback;
}
