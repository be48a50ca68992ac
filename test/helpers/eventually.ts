// Waiting for asynchronous behaviour in tests: poll the state itself until it
// holds, with a deadline, never a fixed sleep. One helper for every test.

/**
 * Calls `probe` until it returns something other than undefined, null or false,
 * and returns that; throws after `timeoutMs`, naming `what` and the last value seen.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last !== undefined && last !== null && last !== false) return last as T;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last === false || last === undefined ? '' : ` (last seen: ${JSON.stringify(last)})`}`,
      );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
