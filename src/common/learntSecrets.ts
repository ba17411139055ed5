// Secrets a session learns while it runs (OAuth access and refresh tokens, authorization codes, client
// secrets a server registered): src/mcp/ may not import the report stage, so it hands them over here, and
// the masking (src/report/secrets.ts) takes every one, including those learnt before it subscribed.

type Listener = (value: string) => void;

const learnt = new Set<string>();
const listeners = new Set<Listener>();

/** A value that must never reach a report or the console. */
export function learnSecret(value: string | undefined): void {
  if (value === undefined || value === '' || learnt.has(value)) return;
  learnt.add(value);
  for (const listener of listeners) listener(value);
}

/** Calls `listener` with every secret learnt so far, then with each one as it is learnt. */
export function onSecretLearnt(listener: Listener): void {
  listeners.add(listener);
  for (const value of learnt) listener(value);
}
