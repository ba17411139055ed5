// Responses byte-for-byte as the real server writes them (Go net/http + gorilla/mux).
import type { ApiError } from './apiError.js';
import { goStringify } from './goJson.js';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(status: number, value: unknown): ApiResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: goStringify(value) };
}

export function noContent(): ApiResponse {
  return { status: 204, headers: {}, body: '' };
}

/** http.Error: Go resets the content type to text/plain and appends a newline to the JSON. */
export function errorResponse(error: ApiError): ApiResponse {
  return textResponse(error.status, `${goStringify({ error: error.message, status: error.status })}\n`);
}

export function textResponse(status: number, body: string): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body,
  };
}
