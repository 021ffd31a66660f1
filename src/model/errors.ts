/** The sentence of a caught value: an Error's message, or the value as text. The one way shared code reads a caught error. */
export function messageOf(caught: unknown): string {
  return String((caught as Error)?.message ?? caught);
}
