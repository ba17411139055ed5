// TCP ends for behaviour tests: upstream servers and clients that talk through a proxy.
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface Upstream {
  address: string;
  port: number;
  /** Sockets the upstream accepted (to inspect or end from the server side). */
  sockets: Set<Socket>;
  /** Every byte any client sent to this upstream, in arrival order. */
  received(): Buffer;
  /** Resolves when `count` accepted connections have closed. */
  closedConnections(count: number): Promise<void>;
  close(): Promise<void>;
}

async function serve(onSocket: (socket: Socket) => void): Promise<Upstream> {
  const sockets = new Set<Socket>();
  const received: Buffer[] = [];
  let closed = 0;
  const closeWaiters: (() => void)[] = [];
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closed++;
      for (const wake of closeWaiters.splice(0)) wake();
    });
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    port,
    sockets,
    received: () => Buffer.concat(received),
    async closedConnections(count) {
      while (closed < count) await new Promise<void>((resolve) => closeWaiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Echoes every byte; ends its side when the client ends. */
export function echoUpstream(): Promise<Upstream> {
  return serve((socket) => {
    socket.on('data', (data) => socket.write(data));
    socket.on('end', () => socket.end());
  });
}

/** Sends `payload` as soon as a client connects, then closes. */
export function sendingUpstream(payload: Buffer): Promise<Upstream> {
  return serve((socket) => socket.end(payload));
}

export interface Client {
  socket: Socket;
  /** Everything received so far, with the arrival time of each chunk (ms, monotonic). */
  chunks: { data: Buffer; at: number }[];
  received(): Buffer;
  /** Resolves how the connection ended: 'end' (FIN), 'reset' (ECONNRESET) or another error code. */
  closed: Promise<string>;
  /** When the FIN arrived (ms, monotonic), if it did. */
  endedAt?: number;
  /** Resolves once at least n bytes have arrived. */
  waitFor(n: number): Promise<Buffer>;
}

export async function connectTo(listen: string, host = '127.0.0.1'): Promise<Client> {
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  const socket = connect({ host, port });
  const chunks: { data: Buffer; at: number }[] = [];
  const waiters: (() => void)[] = [];
  let ending = 'end';
  const closed = new Promise<string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => {
      ending = error.code === 'ECONNRESET' ? 'reset' : (error.code ?? error.message);
    });
    socket.on('close', () => resolve(ending));
  });
  socket.on('data', (data: Buffer) => {
    chunks.push({ data, at: performance.now() });
    for (const wake of waiters.splice(0)) wake();
  });
  socket.on('end', () => {
    client.endedAt = performance.now();
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const received = () => Buffer.concat(chunks.map((c) => c.data));
  const client: Client = {
    socket,
    chunks,
    received,
    closed,
    async waitFor(n) {
      while (received().length < n && !socket.destroyed && socket.readable) await new Promise<void>((r) => waiters.push(r));
      return received();
    },
  };
  return client;
}

/** Whether anything accepts connections at `listen` right now. */
export function isListening(listen: string, host = '127.0.0.1'): Promise<boolean> {
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
