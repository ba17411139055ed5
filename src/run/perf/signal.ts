// Each simulated session gets its own abort signal, tied to the test's: the SDK leaves a listener on a
// request's signal, and thousands of calls on the one test signal would pile up there (and warn).
import { setMaxListeners } from 'node:events';

export interface ChildSignal {
  signal: AbortSignal;
  dispose(): void;
}

export function childSignal(parent: AbortSignal): ChildSignal {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const abort = (): void => controller.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', abort) };
}
