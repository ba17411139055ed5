// What a caught value says: thrown values need not be Errors (a rejected promise may carry anything).

/** The error's message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
