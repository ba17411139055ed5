// A client connection and its upstream connection, joined by two links. Closing follows the real
// server: when a link's output ends, its destination socket is closed outright, which ends the other
// link's input, which in turn closes the other socket once its toxics have flushed.
import type { Socket } from 'node:net';
import { Link } from './link.js';
import type { ChainToxic, StreamDirection } from './link.js';
import type { Sink } from './stub.js';
import { now } from './toxics/types.js';

type Side = 'client' | 'upstream';

/** Bytes a chain may hold before its source is paused (the real server buffers ~1024 chunks). */
const HIGH_WATER = 8 * 1024 * 1024;

interface SideState {
  socket: Socket;
  /** Reads from this socket feed this link. */
  reader: Link;
  closing: boolean;
  gone: boolean;
  /** The link writing to this socket is waiting for 'drain'. */
  blocked: boolean;
}

export class Connection {
  private readonly sides: Record<Side, SideState>;
  private readonly lingerZero: boolean;
  private done = false;

  constructor(
    client: Socket,
    upstream: Socket,
    chains: Record<StreamDirection, readonly ChainToxic[]>,
    private readonly onDone: (connection: Connection) => void,
  ) {
    const all = [...chains.upstream, ...chains.downstream];
    this.lingerZero = all.some((t) => t.definition.lingerZero === true);
    const toUpstream = new Link('upstream', chains.upstream, this.writer('upstream'), () => this.flow('client'));
    const toClient = new Link('downstream', chains.downstream, this.writer('client'), () => this.flow('upstream'));
    this.sides = {
      client: { socket: client, reader: toUpstream, closing: false, gone: false, blocked: false },
      upstream: { socket: upstream, reader: toClient, closing: false, gone: false, blocked: false },
    };
    this.listen('client');
    this.listen('upstream');
    toUpstream.start();
    toClient.start();
    client.resume();
    upstream.resume();
  }

  link(direction: StreamDirection): Link {
    return direction === 'upstream' ? this.sides.client.reader : this.sides.upstream.reader;
  }

  /** Cuts both sockets now (proxy disabled or deleted, server closing). */
  destroy(): void {
    for (const side of ['client', 'upstream'] as const) {
      const state = this.sides[side];
      state.closing = true;
      state.gone = true;
      this.kill(state.socket);
    }
    this.finishIfGone();
  }

  private listen(side: Side): void {
    const state = this.sides[side];
    const { socket, reader } = state;
    socket.on('data', (data: Buffer) => {
      if (!state.closing) reader.push({ data, at: now() });
    });
    socket.on('end', () => reader.finish());
    socket.on('error', () => undefined); // 'close' follows and ends the link
    socket.on('close', () => {
      state.gone = true;
      reader.finish();
      this.finishIfGone();
    });
  }

  private writer(side: Side): Sink {
    return {
      push: (chunk) => {
        const state = this.sides[side];
        if (state.closing || state.gone) return;
        if (!state.socket.write(chunk.data)) {
          state.blocked = true;
          this.flow(this.other(side));
          state.socket.once('drain', () => {
            state.blocked = false;
            this.flow(this.other(side));
          });
        }
      },
      finish: () => this.close(side),
    };
  }

  /** Pauses reading from `side` while what it feeds is backed up. */
  private flow(side: Side): void {
    const state = this.sides[side];
    if (state.closing || state.gone) return;
    const backedUp = state.reader.queued > HIGH_WATER || this.sides[this.other(side)].blocked;
    if (backedUp) state.socket.pause();
    else state.socket.resume();
  }

  /** Go's conn.Close(): no more reads (the other link's input ends), pending writes still go out. */
  private close(side: Side): void {
    const state = this.sides[side];
    if (state.closing) return;
    state.closing = true;
    state.reader.finish();
    if (this.lingerZero || state.gone) {
      this.kill(state.socket);
      return;
    }
    state.socket.end(() => state.socket.destroy());
  }

  private kill(socket: Socket): void {
    if (socket.destroyed) return;
    if (this.lingerZero && !socket.connecting) {
      try {
        socket.resetAndDestroy();
        return;
      } catch {
        // Not connected any more: a plain destroy is all that is left.
      }
    }
    socket.destroy();
  }

  private finishIfGone(): void {
    if (this.done || !this.sides.client.gone || !this.sides.upstream.gone) return;
    this.done = true;
    this.sides.client.reader.abort();
    this.sides.upstream.reader.abort();
    this.onDone(this);
  }

  private other(side: Side): Side {
    return side === 'client' ? 'upstream' : 'client';
  }
}
