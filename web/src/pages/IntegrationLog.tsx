// The integration log (contract §7): what went wrong or is missing, filterable;
// filters live in the URL so a filtered view can be shared or bookmarked.
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/useApi.ts';
import { Badge, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link, href, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

const filterNames = ['type', 'severity', 'errorCode', 'orderId', 'resolved'] as const;
const knownCodes = ['ContactMissing', 'ArticleMissing', 'StoreMissing', 'ActionSkippedNoContact', 'OrderAlreadyExists', 'OrderNotFound', 'VersionTagMismatch', 'LineItemNotFound'];

export function IntegrationLogPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const filters = Object.fromEntries(filterNames.map((name) => [name, query.get(name) ?? ''])) as Record<(typeof filterNames)[number], string>;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState(filters);
  const key = query.toString();
  const log = useApi(() => api.integrationLog({ ...filters, offset, count: 20 }), [api, key]);

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
      <Show loaded={log} what="the integration log">
        {(page) => (
          <>
            {page.items.length ? (
              <Table stack caption="Integration log entries, newest first" head={['When', 'Severity', 'Code', 'Type', 'Message', 'Order', 'Resolved']}>
                {page.items.map((entry) => (
                  <tr key={String(entry.id)}>
                    <td data-label="When">{dateTime(entry.createdAt)}</td>
                    <td data-label="Severity">
                      <Badge tone={entry.severity === 'Error' ? 'error' : 'warning'}>{entry.severity}</Badge>
                    </td>
                    <td data-label="Code">{entry.errorCode}</td>
                    <td data-label="Type">{entry.type}</td>
                    <td data-label="Message">{entry.message}</td>
                    <td data-label="Order">{entry.orderId ? <Link to={`/orders/${encodeURIComponent(entry.orderId)}`}>{entry.orderId}</Link> : '—'}</td>
                    <td data-label="Resolved">{entry.resolvedAt ? dateTime(entry.resolvedAt) : 'Unresolved'}</td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} label="Integration log" onOffset={(o) => navigate(href('/integration-log', { ...filters, offset: o }))} />
          </>
        )}
      </Show>
    </section>
  );
}
