// Narrowing of Toxiproxy API JSON into the adapter's plain types.
import { FaultError } from './types.js';
import type { ProxyState, ToxicState } from './types.js';

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultError(`Toxiproxy returned no ${what}`);
  return value as Record<string, unknown>;
}

function field<T>(source: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string): T {
  const value = source[key];
  if (!check(value)) throw new FaultError(`Toxiproxy returned a ${what} without a valid "${key}"`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

export function parseToxic(value: unknown): ToxicState {
  const source = record(value, 'toxic');
  const attributes = Object.entries(record(source['attributes'] ?? {}, 'toxic attributes')).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return {
    name: field(source, 'name', isString, 'toxic'),
    type: field(source, 'type', isString, 'toxic'),
    stream: field(source, 'stream', isString, 'toxic'),
    toxicity: field(source, 'toxicity', isNumber, 'toxic'),
    attributes: Object.fromEntries(attributes),
  };
}

export function parseToxics(value: unknown): ToxicState[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new FaultError('Toxiproxy returned no toxic list');
  return value.map(parseToxic);
}

export function parseProxy(value: unknown): ProxyState {
  const source = record(value, 'proxy');
  return {
    name: field(source, 'name', isString, 'proxy'),
    listen: field(source, 'listen', isString, 'proxy'),
    upstream: field(source, 'upstream', isString, 'proxy'),
    enabled: field(source, 'enabled', isBoolean, 'proxy'),
    toxics: parseToxics(source['toxics'] ?? []),
  };
}

export function parseProxies(value: unknown): ProxyState[] {
  return Object.values(record(value, 'proxy list')).map(parseProxy);
}
