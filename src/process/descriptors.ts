// File descriptors: every socket, pipe and file a process holds is one, and the kernel refuses more than
// the process's soft RLIMIT_NOFILE (often 1024) with EMFILE, or ENFILE when the whole system is out.
// A load of many sessions runs into it long before the servers are the limit, and the raw error ("fetch
// failed", "connect EMFILE") does not say what to do; these say how many, the limit and `ulimit -n`.
import { readdirSync, readFileSync } from 'node:fs';

export interface DescriptorLimit {
  /** The soft limit: what the process may hold now. */
  soft: number;
  /** The hard limit: how far the soft one may be raised without root. undefined: unlimited. */
  hard: number | undefined;
}

export interface DescriptorUse extends DescriptorLimit {
  /** Descriptors the process holds now. */
  open: number;
}

export type Exhaustion = 'EMFILE' | 'ENFILE';

const LIMIT_LINE = /^Max open files\s+(\S+)\s+(\S+)/m;

/** The open-files line of a /proc/<pid>/limits text; undefined when it is missing or the soft limit is unlimited. */
export function parseDescriptorLimit(limits: string): DescriptorLimit | undefined {
  const match = LIMIT_LINE.exec(limits);
  const soft = Number(match?.[1]);
  if (!match || !Number.isFinite(soft)) return undefined;
  const hard = Number(match[2]);
  return { soft, hard: Number.isFinite(hard) ? hard : undefined };
}

function readLimit(): DescriptorLimit | undefined {
  try {
    return parseDescriptorLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}

// Read once, on loading: once the descriptors have run out, reading the limit takes one more.
const startLimit = readLimit();

/** This process's limit and use; undefined where /proc does not tell (not Linux). */
export function descriptorUse(): DescriptorUse | undefined {
  const limit = readLimit() ?? startLimit;
  if (!limit) return undefined;
  try {
    // The listing itself holds one descriptor while it reads.
    return { ...limit, open: Math.max(0, readdirSync('/proc/self/fd').length - 1) };
  } catch {
    // Not even one more to list them with: all are taken.
    return { ...limit, open: limit.soft };
  }
}

const EXHAUSTED = /\b(EMFILE|ENFILE)\b|too many open files/i;

/** EMFILE or ENFILE, when the error or one of its causes is the kernel refusing a descriptor. The SSE
 * transport keeps only the message of what failed, so the text counts as well as the code. */
export function exhaustionOf(error: unknown): Exhaustion | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EMFILE' || code === 'ENFILE') return code;
    const found = EXHAUSTED.exec(e.message);
    if (found) return found[1]?.toUpperCase() === 'ENFILE' ? 'ENFILE' : 'EMFILE';
  }
  return undefined;
}

/** How to get more: the command for the shell, and what to do when even the hard limit is too low. */
export function raiseHint(wanted: number, limit: DescriptorLimit): string {
  const target = Math.max(wanted, limit.soft * 2);
  const hard = limit.hard !== undefined && limit.hard < target
    ? ` The hard limit is ${limit.hard}, so going past it takes root: /etc/security/limits.conf, LimitNOFILE= in a systemd unit, or \`docker run --ulimit nofile=${target}:${target}\`.`
    : '';
  return `Raise it in the shell that runs the journeys, e.g. \`ulimit -n ${target}\`, or run fewer sessions.${hard}`;
}

/** What a connection refused a descriptor says, with the limit when it is known; `server` when it was
 * connecting (a call on an open connection already names its server). */
export function exhaustionMessage(kind: Exhaustion, use: DescriptorUse | undefined, server?: string): string {
  const what = `out of file descriptors${server ? ` while connecting to ${server}` : ''}`;
  if (kind === 'ENFILE') return `${what} (ENFILE: the whole system has run out, see /proc/sys/fs/file-max): close other programs or raise fs.file-max.`;
  if (!use) return `${what} (EMFILE: this process reached its open-files limit). Raise it, e.g. \`ulimit -n 8192\`, or run fewer sessions.`;
  return `${what} (EMFILE): this process may hold ${use.soft} (its soft RLIMIT_NOFILE) and holds ${use.open}. ${raiseHint(use.soft * 2, use)}`;
}
