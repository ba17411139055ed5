// The values this process knows to be secret, for maskText (mask.ts). Values are learnt as a run goes:
// the MCP configuration's header and env values when the worker starts, a journey's literal values under
// secret-looking names when it starts, and what the journey later renders, saves or gets back under such
// names. A value is masked once known, in every string that leaves for a report or the console.
//
// Values shorter than MIN_SECRET_LENGTH are never masked: replacing every "1", "on" or "dev" in a report
// would destroy it and protect nothing. Header and env values whose names do not look secret are also
// left alone when they are numbers or true/false (ports, flags).
import { onSecretLearnt } from '../common/learntSecrets.js';

/** Names of arguments, fields, variables, headers or env vars whose values are secret whatever they hold. */
// `token` but not `tokens`: token counts (maxTokens, originalTokens) are not secrets.
export const SECRET_KEY = /pass(word)?|secret|token(?!s)|api[_-]?key|(access|private|signing)[_-]?key|authorization|cookie|credential/i;

export const MIN_SECRET_LENGTH = 4;

const known = new Set<string>();
let pattern: RegExp | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const inJson = (text: string): string => JSON.stringify(text).slice(1, -1);

/** The forms a value takes in text: as it is, inside a JSON string (also JSON text inside a JSON string,
 * as a text content that is JSON shows in a serialised result), and URL-encoded. */
function forms(value: string): string[] {
  const json = inJson(value);
  let url = value;
  try {
    url = encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be encoded; the other forms still are masked.
  }
  return [value, json, inJson(json), url];
}

/** Learns one secret value (and the credentials of an `Authorization: <scheme> <credentials>` value). */
export function addSecret(value: string): void {
  const credentials = /^[A-Za-z][A-Za-z0-9_-]*\s+(\S.*)$/.exec(value)?.[1];
  for (const v of credentials === undefined ? [value] : [value, credentials]) {
    if (v.length < MIN_SECRET_LENGTH) continue;
    for (const form of forms(v)) {
      if (form.length < MIN_SECRET_LENGTH || known.has(form)) continue;
      known.add(form);
      pattern = undefined;
    }
  }
}

// What the MCP session learns at run time (OAuth tokens, codes, registered secrets).
onSecretLearnt(addSecret);

/** A header or env value: secret under a secret-looking name; otherwise unless a number or a flag. */
function addSetting(name: string, value: string): void {
  if (SECRET_KEY.test(name) || !/^(-?\d+(\.\d+)?|true|false)$/i.test(value.trim())) addSecret(value);
}

interface ServerSettings {
  headers?: Readonly<Record<string, string>>;
  env?: Readonly<Record<string, string>>;
  oauth?: { readonly clientSecret?: string; readonly privateKey?: string };
}

/** Every header value and env value of an MCP configuration's servers (as launched, `${VAR}` expanded),
 * and their OAuth client secrets and private keys. */
export function addConfigSecrets(config: { servers: Readonly<Record<string, ServerSettings>> }): void {
  for (const server of Object.values(config.servers)) {
    if (server.oauth?.clientSecret !== undefined) addSecret(server.oauth.clientSecret);
    if (server.oauth?.privateKey !== undefined) addSecret(server.oauth.privateKey);
    for (const [name, value] of Object.entries(server.headers ?? {})) addSetting(name, value);
    for (const [name, value] of Object.entries(server.env ?? {})) addSetting(name, value);
  }
}

/** Strings under secret-looking keys anywhere in `value`: a journey plan, rendered arguments, a response.
 * Template text (`${…}`) is skipped: what it renders to is learnt when rendered. Numbers are not taken:
 * a count under `token_budget` masked in every latency would cost more than it hides. */
export function addSecretsIn(value: unknown): void {
  walkSecrets(value, false, 0, { nodes: 0 });
}

/** Names seen so far and whether they look secret: the same few keys (text, type, content) come back in
 * every request and response, and a step's walk is on the runner's per-call path. */
const secretNames = new Map<string, boolean>();

function looksSecret(key: string): boolean {
  let secret = secretNames.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretNames.size < 10_000) secretNames.set(key, secret);
  }
  return secret;
}

/** Deeper or larger than any journey or result goes: they end a cycle without the cost of remembering
 * every object seen (which was most of a step's walk). */
const MAX_DEPTH = 64;
const MAX_NODES = 1_000_000;

function walkSecrets(v: unknown, secret: boolean, depth: number, count: { nodes: number }): void {
  if (++count.nodes > MAX_NODES) return;
  if (typeof v === 'string') {
    if (secret && !v.includes('${')) addSecret(v);
    return;
  }
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(v)) {
    for (const item of v) walkSecrets(item, secret, depth + 1, count);
    return;
  }
  const record = v as Record<string, unknown>;
  // A journey's `save:` maps names to JSONPaths, not to values: what is saved is learnt when saved.
  for (const key in record) if (key !== 'save') walkSecrets(record[key], secret || looksSecret(key), depth + 1, count);
}

/** Every known secret replaced by `mask`; longest first, so a value containing another goes whole. */
export function replaceSecrets(text: string, mask: string): string {
  if (known.size === 0) return text;
  pattern ??= new RegExp([...known].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return text.replace(pattern, mask);
}

/** Forgets every value (unit tests). */
export function forgetSecrets(): void {
  known.clear();
  pattern = undefined;
}
