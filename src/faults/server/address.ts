// Listen and upstream addresses as Go's net package reads and prints them, because the API returns
// them and its errors quote them ("listen tcp 127.0.0.1:3310: bind: address already in use").
import { getServers, lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** An error the real server reports without a status of its own (so as HTTP 500). */
export class GoError extends Error {}

export interface HostPort {
  host: string;
  port: string;
}

function addressError(address: string, reason: string): GoError {
  return new GoError(`address ${address}: ${reason}`);
}

export function splitHostPort(address: string): HostPort {
  // Go treats an empty address as "any host, any port" before splitting.
  if (address === '') return { host: '', port: '' };
  let host: string;
  let rest: string;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close < 0) throw addressError(address, "missing ']' in address");
    host = address.slice(1, close);
    rest = address.slice(close + 1);
    if (rest === '') throw addressError(address, 'missing port in address');
    if (!rest.startsWith(':')) throw addressError(address, rest.includes(':') ? 'too many colons in address' : 'missing port in address');
    if (rest.lastIndexOf(':') !== 0) throw addressError(address, 'too many colons in address');
  } else {
    const colon = address.lastIndexOf(':');
    if (colon < 0) throw addressError(address, 'missing port in address');
    host = address.slice(0, colon);
    rest = address.slice(colon);
    if (host.includes(':')) throw addressError(address, 'too many colons in address');
  }
  if (host.includes('[') || rest.includes('[')) throw addressError(address, "unexpected '[' in address");
  if (host.includes(']') || rest.includes(']')) throw addressError(address, "unexpected ']' in address");
  return { host, port: rest.slice(1) };
}

export function parsePort(port: string): number {
  if (port === '') return 0;
  if (!/^[0-9]+$/.test(port)) throw addressError(`tcp/${port}`, 'unknown port');
  const value = Number(port);
  if (value > 65535) throw addressError(port, 'invalid port');
  return value;
}

export function isUnspecified(ip: string | undefined): boolean {
  return ip === undefined || ip === '0.0.0.0' || ip === '::';
}

const DOMAIN_NAME = /^(?=.{1,254}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** The IP Go picks for a host: none for "", the literal itself, or the first IPv4 address it resolves to. */
export async function resolveHost(host: string): Promise<string | undefined> {
  if (host === '') return undefined;
  if (isIP(host)) return host;
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
    if (chosen) return chosen.address;
  } catch {
    // Reported below, as Go words it.
  }
  // Go only asks DNS (and names the server) for names that could be domain names.
  const server = DOMAIN_NAME.test(host) ? getServers()[0] : undefined;
  const via = server === undefined ? '' : ` on ${server.includes(':') && !server.startsWith('[') ? `[${server}]` : server}:53`;
  throw new GoError(`lookup ${host}${via}: no such host`);
}

/** Go's TCPAddr.String(). */
export function formatTcpAddress(ip: string | undefined, port: number): string {
  if (ip === undefined) return `:${port}`;
  return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** net.ResolveTCPAddr("tcp", address).String(), as the real server compares listen addresses. */
export async function resolveTcpAddress(address: string): Promise<string> {
  const { host, port } = splitHostPort(address);
  const portNumber = parsePort(port);
  return formatTcpAddress(await resolveHost(host), portNumber);
}
