// Pure: the comma-separated value lists of the condition editor.

/** The list without its last, unfinished entry ("Acme, st" → "Acme, "), and that entry ("st"): what a value picker completes. */
export function splitLast(text: string): { head: string; last: string } {
  const at = text.lastIndexOf(',');
  return at < 0 ? { head: '', last: text.trim() } : { head: `${text.slice(0, at + 1).trimEnd()} `, last: text.slice(at + 1).trim() };
}
