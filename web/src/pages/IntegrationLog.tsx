// The integration log: what went wrong or is missing, filterable;
// filters live in the URL so a filtered view can be shared or bookmarked. Each
// open entry counts the writes that met its problem; write keys may resolve
// entries one by one or a selection at once.
import { type FormEvent, useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { type CountedLogEntry, resolveLogEntries, resolveLogEntry } from '../api/contacts-browse.ts';
import type { Page } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Badge, Failure, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link, href, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

const filterNames = ['type', 'severity', 'errorCode', 'orderId', 'resolved'] as const;
const knownCodes = [
  'ContactMissing',
  'ArticleMissing',
  'StoreMissing',
  'ActionSkippedNoContact',
  'OrderAlreadyExists',
  'OrderNotFound',
  'VersionTagMismatch',
  'LineItemNotFound',
];

export function IntegrationLogPage({ query }: { query: URLSearchParams }) {
  const { api, canWrite } = useSession();
  const filters = Object.fromEntries(filterNames.map((name) => [name, query.get(name) ?? ''])) as Record<(typeof filterNames)[number], string>;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(filters);
  const key = query.toString();
  const log = useApi(() => api.integrationLog({ ...filters, offset, count: 20 }) as Promise<Page<CountedLogEntry>>, [api, key]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function resolve(ids: string[]) {
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      if (ids.length === 1) {
        await resolveLogEntry(api, ids[0]!);
        setNotice(`Entry ${ids[0]} resolved.`);
      } else {
        const outcome = await resolveLogEntries(api, ids);
        setNotice(`${outcome.resolved.length} resolved${outcome.alreadyResolved.length ? `, ${outcome.alreadyResolved.length} were already resolved` : ''}.`);
      }
      setSelected(new Set());
      log.reload();
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error : new ApiFailure(0, undefined));
    } finally {
      setBusy(false);
    }
  }
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(href('/integration-log', draft));
  }
  const set = (name: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value });

  return (
    <section>
      <h1>Integration log</h1>
      <form className="card filters" onSubmit={apply} aria-label="Filter the integration log">
        <div className="field">
          <label htmlFor="log-type">Type</label>
          <select id="log-type" value={draft.type} onChange={set('type')}>
            <option value="">Any</option>
            <option>Orders</option>
            <option>Receipts</option>
            <option>Articles</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-severity">Severity</label>
          <select id="log-severity" value={draft.severity} onChange={set('severity')}>
            <option value="">Any</option>
            <option>Warning</option>
            <option>Error</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-code">Code</label>
          <input id="log-code" list="log-codes" value={draft.errorCode} onChange={set('errorCode')} />
          <datalist id="log-codes">
            {knownCodes.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="log-order">Order id</label>
          <input id="log-order" value={draft.orderId} onChange={set('orderId')} />
        </div>
        <div className="field">
          <label htmlFor="log-resolved">Resolved</label>
          <select id="log-resolved" value={draft.resolved} onChange={set('resolved')}>
            <option value="">Any</option>
            <option value="false">Unresolved</option>
            <option value="true">Resolved</option>
          </select>
        </div>
        <button type="submit">Filter</button>
      </form>
      {notice ? (
        <p className="toast ok" role="status">
          {notice}
        </p>
      ) : null}
      {failure ? <Failure error={failure} what="resolving entries" /> : null}
      <Show loaded={log} what="the integration log">
        {(page) => {
          const open = page.items.filter((entry) => !entry.resolvedAt).map((entry) => String(entry.id));
          const chosen = open.filter((id) => selected.has(id));
          return (
            <>
              {canWrite && open.length ? (
                <div className="bulk-bar">
                  <label className="inline">
                    <input
                      type="checkbox"
                      checked={chosen.length === open.length}
                      onChange={() => setSelected(chosen.length === open.length ? new Set() : new Set(open))}
                    />{' '}
                    Select all open on this page
                  </label>
                  <button type="button" disabled={busy || chosen.length === 0} onClick={() => resolve(chosen)}>
                    Resolve selected ({chosen.length})
                  </button>
                </div>
              ) : null}
              {page.items.length ? (
                <Table
                  stack
                  caption="Integration log entries, newest first"
                  head={[...(canWrite ? ['Select'] : []), 'Last seen', 'Count', 'Severity', 'Code', 'Type', 'Message', 'Order', 'Resolved']}
                >
                  {page.items.map((entry) => {
                    const id = String(entry.id);
                    return (
                      <tr key={id} data-entry={id}>
                        {canWrite ? (
                          <td data-label="Select">
                            {entry.resolvedAt ? null : (
                              <input type="checkbox" aria-label={`Select entry ${id}`} checked={selected.has(id)} onChange={() => toggle(id)} />
                            )}
                          </td>
                        ) : null}
                        <td data-label="Last seen" className="nowrap" title={`First seen ${dateTime(entry.createdAt)}`}>
                          {dateTime(entry.lastSeenAt ?? entry.createdAt)}
                        </td>
                        <td data-label="Count" className="num" data-testid="log-count">
                          {entry.count ?? 1}×
                        </td>
                        <td data-label="Severity">
                          <Badge tone={entry.severity === 'Error' ? 'error' : 'warning'}>{entry.severity}</Badge>
                        </td>
                        <td data-label="Code">{entry.errorCode}</td>
                        <td data-label="Type">{entry.type}</td>
                        <td data-label="Message">{entry.message}</td>
                        <td data-label="Order">{entry.orderId ? <Link to={`/orders/${encodeURIComponent(entry.orderId)}`}>{entry.orderId}</Link> : '—'}</td>
                        <td data-label="Resolved">
                          {entry.resolvedAt ? (
                            <span>
                              {dateTime(entry.resolvedAt)}
                              <span className="muted"> {entry.resolvedBy ? `by ${entry.resolvedBy}` : 'automatically'}</span>
                            </span>
                          ) : canWrite ? (
                            <button type="button" disabled={busy} onClick={() => resolve([id])} aria-label={`Resolve entry ${id}`}>
                              Resolve
                            </button>
                          ) : (
                            'Unresolved'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </Table>
              ) : null}
              <Pager
                offset={page.offset}
                count={page.count}
                total={page.totalCount}
                label="Integration log"
                onOffset={(o) => navigate(href('/integration-log', { ...filters, offset: o }))}
              />
            </>
          );
        }}
      </Show>
    </section>
  );
}
