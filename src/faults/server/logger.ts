/** Where the server reports what it does; the embedded server is silent unless given one. */
export type Logger = (message: string, fields?: Record<string, string | number>) => void;

export const silent: Logger = () => undefined;

/** One line per event on stderr, like the real server's console output. */
export function stderrLogger(): Logger {
  return (message, fields = {}) => {
    const details = Object.entries(fields).map(([key, value]) => `${key}=${String(value)}`);
    process.stderr.write(`${new Date().toISOString()} INF ${[message, ...details].join(' ')}\n`);
  };
}
