// yaml reads process.env.LOG_TOKENS / LOG_STREAM once per token. Node's process.env is an accessor into
// the C library's environment (~0.4 µs a read), which made it most of a journey's parse time. Parsing is
// synchronous, so a plain copy can stand in for one parse without anything else observing it.
export function withPlainEnv<T>(fn: () => T): T {
  const real = process.env;
  process.env = { ...real };
  try {
    return fn();
  } finally {
    process.env = real;
  }
}
