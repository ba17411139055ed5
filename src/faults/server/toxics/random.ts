/** An integer in [0, n), or 0 when n < 1 (where the real server would panic). */
export function randomInt(n: number): number {
  return n >= 1 ? Math.floor(Math.random() * Math.floor(n)) : 0;
}
