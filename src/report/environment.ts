// Allure's Environment widget: which servers the journeys ran against (as they introduced themselves in
// initialize), over which transport and address, and on what machine. Every worker adds what it saw;
// values from different workers (each has its own stack, so its own ports) are kept side by side.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { readIfExists, withFileLock, writeFileAtomic } from './files.js';
import { maskText } from './mask.js';
import { formatProperties, parseProperties } from './properties.js';

/** A structural subset of the session's ServerInfo. */
export interface ServerEnvironment {
  /** The name journeys use (the `.mcp.json` key). */
  name: string;
  /** Name and version the server reported in initialize. */
  serverName?: string;
  serverVersion?: string;
  transport: string;
  /** URL, or the command line for stdio. */
  address: string;
}

export interface RunnerEnvironment {
  node: string;
  platform: string;
  cpus: number;
}

export function runnerEnvironment(): RunnerEnvironment {
  return { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length };
}

/** Keys sorted by server, then the runner's; addresses with credentials masked. */
export function environmentEntries(servers: readonly ServerEnvironment[], runner: RunnerEnvironment = runnerEnvironment()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of [...servers].sort((a, b) => a.name.localeCompare(b.name))) {
    if (s.serverName !== undefined) out[`${s.name}.name`] = s.serverName;
    if (s.serverVersion !== undefined) out[`${s.name}.version`] = s.serverVersion;
    out[`${s.name}.transport`] = s.transport;
    out[`${s.name}.${s.transport === 'stdio' ? 'command' : 'url'}`] = maskText(s.address);
  }
  out['node'] = runner.node;
  out['platform'] = runner.platform;
  out['cpus'] = String(runner.cpus);
  return out;
}

const SEPARATOR = ', ';

/** Union per key, distinct values sorted: the same whichever worker writes first. */
export function mergeEnvironment(existing: Record<string, string>, incoming: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const key of [...new Set([...Object.keys(existing), ...Object.keys(incoming)])].sort()) {
    const values = new Set<string>();
    for (const text of [existing[key], incoming[key]]) {
      if (text === undefined) continue;
      for (const v of text.split(SEPARATOR)) values.add(v);
    }
    merged[key] = [...values].sort().join(SEPARATOR);
  }
  return merged;
}

export const ENVIRONMENT_FILE = 'environment.properties';

/** Adds these servers and this machine to `<resultsDir>/environment.properties`, under a lock. */
export function writeEnvironment(resultsDir: string, servers: readonly ServerEnvironment[], runner?: RunnerEnvironment): string {
  const file = join(resultsDir, ENVIRONMENT_FILE);
  const incoming = environmentEntries(servers, runner);
  withFileLock(file, () => {
    const existing = parseProperties(readIfExists(file) ?? '');
    writeFileAtomic(file, formatProperties(mergeEnvironment(existing, incoming)), { skipIfSame: true });
  });
  return file;
}
