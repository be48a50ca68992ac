// Automations: definitions (admin keys only) and recent runs with
// every delivery's outcome (any key), so support can see whether a confirmation went out.
import { type FormEvent, useState } from 'react';
import { useApi } from '../api/useApi.ts';
import { Badge, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';

const tone: Record<string, string> = { Failed: 'error', Succeeded: 'ok', Delivered: 'ok', Pending: 'warning', Delivering: 'warning' };

export function AutomationsPage() {
  const { api, isAdmin } = useSession();
  const [offset, setOffset] = useState(0);
  const automations = useApi(() => (isAdmin ? api.automations(offset) : Promise.resolve(null)), [api, isAdmin, offset]);
  return (
    <section>
      <h1>Automations</h1>
      <section aria-labelledby="automations-heading">
        <h2 id="automations-heading">Automations</h2>
        {!isAdmin ? (
          <p className="state unavailable">Automation definitions hold webhook addresses and templates: only admin keys can list them. Runs are below.</p>
        ) : (
          <Show loaded={automations} what="automations">
            {(page) =>
              page ? (
                <>
                  {page.items.length ? (
                    <Table stack caption="Automations" head={['Name', 'Trigger action', 'Steps', 'Changed']}>
                      {page.items.map((a) => (
                        <tr key={a.id}>
                          <td data-label="Name">{a.name}</td>
                          <td data-label="Trigger action">{a.trigger.action}</td>
                          <td data-label="Steps" className="wrap-anywhere">
                            <div>
                              {a.steps.map((s, i) => (
                                <div key={i}>{s.type === 'email' ? `Email: ${s.subject ?? ''}` : `${s.type}: ${s.url ?? ''}`}</div>
                              ))}
                            </div>
                          </td>
                          <td data-label="Changed">{dateTime(a.updatedAt ?? a.createdAt)}</td>
                        </tr>
                      ))}
                    </Table>
                  ) : null}
                  <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Automations" />
                </>
              ) : null
            }
          </Show>
        )}
      </section>
      <Runs />
    </section>
  );
}

function Runs() {
  const { api } = useSession();
  const [draft, setDraft] = useState({ status: '', action: '', orderId: '' });
  const [filters, setFilters] = useState(draft);
  const [offset, setOffset] = useState(0);
  const runs = useApi(() => api.automationRuns({ ...filters, offset, count: 20 }), [api, filters, offset]);
  function apply(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  }
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Recent runs</h2>
      <form className="card filters" onSubmit={apply} aria-label="Filter runs">
        <div className="field">
          <label htmlFor="run-status">Status</label>
          <select id="run-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">Any</option>
            <option>Pending</option>
            <option>Succeeded</option>
            <option>Failed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-action">Action</label>
          <input id="run-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="run-order">Order id</label>
          <input id="run-order" value={draft.orderId} onChange={(e) => setDraft({ ...draft, orderId: e.target.value })} />
        </div>
        <button type="submit">Filter</button>
      </form>
      <Show loaded={runs} what="automation runs">
        {(page) => (
          <>
            {page.items.length ? (
              <Table stack caption="Automation runs, newest first" head={['When', 'Automation', 'Action', 'Order', 'Status', 'Deliveries']}>
                {page.items.map((run) => (
                  <tr key={run.runId}>
                    <td data-label="When">{dateTime(run.createdAt)}</td>
                    <td data-label="Automation">{run.automationName}</td>
                    <td data-label="Action">{run.action}</td>
                    <td data-label="Order" className="wrap-anywhere">
                      <Link to={`/orders/${encodeURIComponent(run.orderId)}`}>{run.orderId}</Link>
                    </td>
                    <td data-label="Status">
                      <Badge tone={tone[run.status]}>{run.status}</Badge>
                    </td>
                    <td data-label="Deliveries" className="wrap-anywhere">
                      <ul className="plain">
                        {run.deliveries.map((d) => (
                          <li key={d.eventId}>
                            {d.type} {d.target ? <span className="muted">→ {d.target}</span> : null} <Badge tone={tone[d.status]}>{d.status}</Badge>{' '}
                            {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                            {d.finishedAt ? `, ${dateTime(d.finishedAt)}` : ''}
                            {d.nextAttemptAt ? `, next ${dateTime(d.nextAttemptAt)}` : ''}
                            {d.lastError ? <div className="error-text">{d.lastError}</div> : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Runs" />
          </>
        )}
      </Show>
    </section>
  );
}
