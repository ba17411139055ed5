// Two connected in-memory streams, as the two ends of a socket: what one end writes the other reads, and
// ending or destroying one end ends or destroys the other. Node 20 has no stream.duplexPair (22.6+).
import { Duplex } from 'node:stream';

export function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const other = (self: Duplex): Duplex | undefined => ends.find((e) => e !== self);
  const end = (): Duplex => {
    const self: Duplex = new Duplex({
      read() { /* pushed by the other end's write */ },
      write(chunk: Buffer, _encoding, done) {
        other(self)?.push(chunk);
        done();
      },
      final(done) {
        other(self)?.push(null);
        done();
      },
      destroy(error, done) {
        other(self)?.destroy();
        done(error);
      },
    });
    return self;
  };
  ends.push(end(), end());
  return [ends[0] as Duplex, ends[1] as Duplex];
}
