// Shared pieces: load states, pager, badges, definition lists, tables.
import type { ReactNode } from 'react';
import type { ApiFailure } from '../api/client.ts';
import type { Loaded } from '../api/useApi.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Failure({ error, what, retry }: { error: ApiFailure; what: string; retry?: () => void }) {
  if (error.notAvailable) {
    return (
      <div className="state unavailable" role="status">
        <strong>Not available.</strong> This service does not offer {what} (the API route answers 404).
      </div>
    );
  }
  if (error.forbidden) {
    return (
      <div className="state unavailable" role="status">
        <strong>Not allowed.</strong> Your API key&apos;s scope does not include {what}. {error.problem?.detail}
      </div>
    );
  }
  return (
    <div className="state error" role="alert">
      <strong>Could not load {what}.</strong> <ProblemDetails error={error} />
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders a loaded value, or its loading / error / not-available state. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T> & { reload?: () => void }; what: string; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <Failure error={loaded.error} what={what} retry={loaded.reload} />;
  return <>{children(loaded.data)}</>;
}

export function Pager({
  offset,
  count,
  total,
  onOffset,
  label,
}: {
  offset: number;
  count: number;
  total: number;
  onOffset: (offset: number) => void;
  label: string;
}) {
  if (total <= count && offset === 0) return <p className="muted">{total === 0 ? 'None.' : `${total} in all.`}</p>;
  const last = Math.min(offset + count, total);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - count))}>
        Previous
      </button>
      <span>
        {total === 0 ? 0 : offset + 1}–{last} of {total}
      </span>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + count)}>
        Next
      </button>
    </nav>
  );
}

export function Badge({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={`badge ${tone ?? ''}`}>{children}</span>;
}

export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <dl className="fields">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Tables scroll sideways on phones instead of squeezing; with `stack`, each row
 * becomes a card there instead (cells name their column in data-label).
 */
export function Table({ caption, head, children, stack }: { caption: string; head: string[]; children: ReactNode; stack?: boolean }) {
  return (
    <div className={`table-wrap${stack ? ' stack' : ''}`} tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** A failed call's message, error code and field errors, as the API's problem body gives them. */
export function ProblemDetails({ error }: { error: ApiFailure }) {
  return (
    <>
      {error.message}
      {error.problem?.errorCode ? <span className="code"> ({error.problem.errorCode})</span> : null}
      {error.problem?.errors?.length ? (
        <ul>
          {error.problem.errors.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
