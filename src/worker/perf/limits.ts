// Whether a load's sessions fit in the file descriptors this process may hold, asked before any session
// starts: a thousand sessions to two HTTP servers need thousands of sockets, and a default soft limit of
// 1024 would otherwise fail them one by one, hundreds of connections in, with raw EMFILE errors. The
// sessions run in this process (its threads share its descriptors), so its own limit is the one.
import type { SourceLocation } from '../../compile/plan.js';
import type { TransportKind } from '../../mcp/types.js';
import { descriptorUse, raiseHint } from '../../process/descriptors.js';
import type { DescriptorUse } from '../../process/descriptors.js';
import { JourneyStepError, locateError } from '../expect/errors.js';

/** Room for what the runner opens besides the sessions: result files, a calibration, pidusage, logs. */
export const DESCRIPTOR_MARGIN = 64;

export interface DescriptorNeed {
  /** Descriptors one session holds at its busiest. */
  perSession: number;
  /** All sessions, plus what is open now and the margin. */
  total: number;
}

/** A session holds a stream to each HTTP or SSE server (its GET stream) and one request in flight, and
 * three pipes to each stdio server's process of its own. */
export function descriptorNeed(sessions: number, transports: readonly TransportKind[], openNow: number): DescriptorNeed {
  const http = transports.filter((t) => t !== 'stdio').length;
  const stdio = transports.length - http;
  const perSession = http + (http > 0 ? 1 : 0) + 3 * stdio;
  return { perSession, total: sessions * perSession + openNow + DESCRIPTOR_MARGIN };
}

const each = (n: number, what: string): string => (n === 1 ? `the ${what}` : `each of the ${n} ${what}s`);

/** Why the load cannot start, or undefined when it fits (or the limit is unknown). */
export function descriptorShortfall(sessions: number, transports: readonly TransportKind[], use: DescriptorUse | undefined): string | undefined {
  if (!use || transports.length === 0) return undefined;
  const need = descriptorNeed(sessions, transports, use.open);
  if (need.total <= use.soft) return undefined;
  const http = transports.filter((t) => t !== 'stdio').length;
  const stdio = transports.length - http;
  const parts = [
    http > 0 ? `a stream to ${each(http, 'HTTP/SSE server')} and a request in flight` : '',
    stdio > 0 ? `three pipes to ${each(stdio, 'stdio server')}` : '',
  ].filter(Boolean).join(', ');
  return `this load needs about ${need.total} file descriptors, more than the ${use.soft} this process may hold (its soft RLIMIT_NOFILE): `
    + `${sessions} sessions × ${need.perSession} (${parts}), `
    + `plus ${use.open} open now and ${DESCRIPTOR_MARGIN} to spare. No session was started. ${raiseHint(need.total, use)}`;
}

/** Fails the load before any session starts when its sessions cannot fit. */
export function checkDescriptors(sessions: number, servers: readonly { transport: TransportKind }[], location: SourceLocation): void {
  const shortfall = descriptorShortfall(sessions, servers.map((s) => s.transport), descriptorUse());
  if (shortfall) throw locateError(new JourneyStepError(`load: ${shortfall}`, 'RUNTIME', location), [{ title: 'load', location }]);
}
