// A named proxy: a TCP listener that joins each client to a fresh upstream connection through its
// toxics. Disabled = listener closed and every connection cut; enabling again binds the last address.
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { messageOf } from '../../common/messageOf.js';
import { formatTcpAddress, GoError, isUnspecified, parsePort, resolveHost, resolveTcpAddress, splitHostPort } from './address.js';
import { Connection } from './connection.js';
import type { Logger } from './logger.js';
import { ToxicCollection, toxicView } from './toxicCollection.js';
import type { ToxicView } from './toxicCollection.js';

export interface ProxyView {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  Logger: Record<string, never>;
  toxics: ToxicView[];
}

export interface ProxyInput {
  listen: string;
  upstream: string;
  enabled: boolean;
}

export class ProxyAlreadyStarted extends Error {}

const BIND_REASONS: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'cannot assign requested address',
};

export class Proxy {
  enabled = false;
  readonly toxics = new ToxicCollection();
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();
  /** Clients whose upstream connection is still being dialled. */
  private readonly pending = new Map<Socket, Socket>();

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
    private readonly log: Logger,
  ) {}

  view(): ProxyView {
    const { name, listen, upstream, enabled } = this;
    // The real server also serialises its exported zerolog Logger field, always as {}.
    return { name, listen, upstream, enabled, Logger: {}, toxics: this.toxics.list().map(toxicView) };
  }

  async start(): Promise<void> {
    if (this.enabled) throw new ProxyAlreadyStarted('Proxy already started');
    // Go sockets default to TCP_NODELAY; without it small writes (slicer, request/response) get coalesced.
    const server = createServer({ pauseOnConnect: true, allowHalfOpen: true, noDelay: true }, (client) => this.accept(client));
    this.listen = await bind(server, this.listen);
    this.server = server;
    this.enabled = true;
    this.log('Started proxy', { name: this.name, listen: this.listen, upstream: this.upstream });
  }

  async stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.server;
    this.server = undefined;
    for (const connection of this.connections) connection.destroy();
    for (const [client, upstream] of this.pending) {
      client.destroy();
      upstream.destroy();
    }
    this.connections.clear();
    this.pending.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.log('Terminated proxy', { name: this.name });
  }

  /** As the real server: a new listen or upstream restarts the listener; then `enabled` is applied. */
  async update(input: ProxyInput): Promise<void> {
    if (await this.differs(input)) {
      await this.stop();
      this.listen = input.listen;
      this.upstream = input.upstream;
    }
    if (input.enabled !== this.enabled) {
      if (input.enabled) await this.start();
      else await this.stop();
    }
  }

  async differs(other: { listen: string; upstream: string }): Promise<boolean> {
    const resolved = await resolveTcpAddress(other.listen);
    return this.listen !== resolved || this.upstream !== other.upstream;
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    this.log('Accepted client', { name: this.name, client: `${client.remoteAddress}:${client.remotePort}` });
    let target: { host: string; port: number };
    try {
      const { host, port } = splitHostPort(this.upstream);
      target = { host: host === '' ? 'localhost' : host, port: parsePort(port) };
    } catch {
      client.destroy();
      return;
    }
    const upstream = connect({ ...target, allowHalfOpen: true, noDelay: true });
    upstream.pause();
    this.pending.set(client, upstream);
    upstream.once('error', (error) => {
      this.log('Unable to open connection to upstream', { name: this.name, error: error.message });
    });
    upstream.once('close', () => {
      if (this.pending.delete(client)) client.destroy();
    });
    upstream.once('connect', () => {
      this.pending.delete(client);
      if (!this.enabled || client.destroyed) {
        upstream.destroy();
        client.destroy();
        return;
      }
      upstream.removeAllListeners('error');
      const connection = new Connection(
        client,
        upstream,
        { upstream: this.toxics.chain('upstream'), downstream: this.toxics.chain('downstream') },
        (done) => {
          this.connections.delete(done);
          this.toxics.detach(done.link('upstream'));
          this.toxics.detach(done.link('downstream'));
        },
      );
      this.connections.add(connection);
      this.toxics.attach(connection.link('upstream'));
      this.toxics.attach(connection.link('downstream'));
    });
  }
}

/** net.Listen("tcp", listen) and the address it reports; errors worded as Go's. */
async function bind(server: Server, listen: string): Promise<string> {
  let ip: string | undefined;
  let port: number;
  try {
    const { host, port: portText } = splitHostPort(listen);
    port = parsePort(portText);
    ip = await resolveHost(host);
  } catch (error) {
    throw new GoError(`listen tcp: ${messageOf(error)}`);
  }
  // Go listens dual-stack for any unspecified address and then reports it as [::].
  const host = isUnspecified(ip) ? '::' : ip;
  try {
    await listenOn(server, host, port).catch((error: unknown) => {
      // Without IPv6 Go falls back to an IPv4 wildcard; so do we.
      if (host === '::' && errorCode(error) === 'EAFNOSUPPORT') return listenOn(server, '0.0.0.0', port);
      throw error;
    });
  } catch (error) {
    const reason = BIND_REASONS[errorCode(error)] ?? (messageOf(error));
    throw new GoError(`listen tcp ${formatTcpAddress(ip, port)}: bind: ${reason}`);
  }
  const bound = server.address();
  if (typeof bound !== 'object' || bound === null) return formatTcpAddress(host, port);
  return formatTcpAddress(bound.address === '0.0.0.0' && host === '::' ? '0.0.0.0' : host, bound.port);
}

function listenOn(server: Server, host: string | undefined, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : '';
}
