// A stdio MCP server reached over TCP: the stdio host (src/servers/stdioHost.ts) runs the server with
// its stdin/stdout on the socket, so a fault proxy in between acts on the very bytes a stdio client
// would exchange. Framing is the SDK's stdio framing (one JSON-RPC message per line), noting noise.
// With no proxy in front, the host is attached in-process instead (`attach`): the same bytes, no TCP.
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcLines, type Noise } from './noise.js';

/** For bare use; a session passes its wire limit (wireCap.ts), so an oversized line is given up early. */
const RELAY_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export interface RelayAddress {
  host: string;
  port: number;
  /** The host in this process: a connection to it without a socket. */
  attach?: () => Duplex;
}

export interface RelayTransportOptions {
  /** Bytes of one unfinished line before the connection is given up (default 256 MiB). */
  maxBufferSize?: number;
  /** Where lines that are not JSON-RPC are noted. */
  noise?: Noise;
}

export class RelayTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;
  private socket: Duplex | undefined;
  private readonly buffer: JsonRpcLines;
  private closed = false;

  constructor(private readonly address: RelayAddress, options: RelayTransportOptions = {}) {
    this.buffer = new JsonRpcLines({ maxBufferSize: options.maxBufferSize ?? RELAY_MAX_MESSAGE_BYTES, noise: options.noise });
  }

  start(): Promise<void> {
    if (this.socket) return Promise.reject(new Error('RelayTransport already started'));
    const { host, port, attach } = this.address;
    if (attach) {
      try {
        const socket = attach();
        this.socket = socket;
        this.listen(socket);
        return Promise.resolve();
      } catch (error) {
        this.closed = true;
        return Promise.reject(new Error(`cannot reach the stdio relay in this process: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      }
    }
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    return new Promise((resolve, reject) => {
      const refused = (error: Error) => {
        // Never opened, so nothing to report as closed: the rejection says it all.
        this.closed = true;
        reject(new Error(`cannot reach the stdio relay at ${host}:${port}: ${error.message}`, { cause: error }));
      };
      socket.once('error', refused);
      socket.once('connect', () => {
        socket.off('error', refused);
        this.listen(socket);
        resolve();
      });
    });
  }

  private listen(socket: Duplex): void {
    socket.on('error', (error) => this.onerror?.(error));
    socket.on('close', () => this.finish());
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  send(message: JSONRPCMessage): Promise<void> {
    const socket = this.socket;
    if (!socket || this.closed || socket.destroyed) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve, reject) => {
      socket.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.destroy();
      this.finish();
      return gone;
    }
    this.finish();
    return Promise.resolve();
  }

  private receive(chunk: Buffer): void {
    try {
      this.buffer.append(chunk);
    } catch (error) {
      // An endless line: nothing after it can be framed, so the connection is over.
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        // One bad line is reported and skipped, as the SDK's stdio transport does.
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  /** onclose once, however the end came (our close, the peer, an error). */
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.clear();
    this.onclose?.();
  }
}
