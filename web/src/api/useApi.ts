// Loads data for a view: loading, error and "not available" are states the views
// always render, so a slow or missing API never leaves a blank page.
import { useCallback, useEffect, useState } from 'react';
import { ApiFailure } from './client.ts';

export type Loaded<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'error'; data?: undefined; error: ApiFailure }
  | { state: 'ok'; data: T; error?: undefined };

export function useApi<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  // The caller names what the load depends on (as with useEffect).
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    run().then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: unknown) =>
        live && setResult({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, { status: 0, detail: String(error) }) }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...result, reload };
}
