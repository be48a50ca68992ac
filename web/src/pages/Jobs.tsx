// Recent jobs, filterable by status and order; failed jobs show their errors.
import { type FormEvent, useState } from 'react';
import { jobStatuses } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Badge, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link, href, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

const tone: Record<string, string> = { Failed: 'error', Succeeded: 'ok', Pending: 'warning', Processing: 'warning' };

export function JobsPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const status = query.get('status') ?? '';
  const orderId = query.get('orderId') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [draft, setDraft] = useState({ status, orderId });
  const jobs = useApi(() => api.jobs({ status, orderId, offset, count: 20 }), [api, status, orderId, offset]);

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(href('/jobs', draft));
  }
  return (
    <section>
      <h1>Jobs</h1>
      <form className="card filters" onSubmit={apply} aria-label="Filter jobs">
        <div className="field">
          <label htmlFor="job-status">Status</label>
          <select id="job-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">Any</option>
            {jobStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-order">Order id</label>
          <input id="job-order" value={draft.orderId} onChange={(e) => setDraft({ ...draft, orderId: e.target.value })} />
        </div>
        <button type="submit">Filter</button>
        <button type="button" onClick={jobs.reload}>
          Refresh
        </button>
      </form>
      <Show loaded={jobs} what="jobs">
        {(page) => (
          <>
            {page.items.length ? (
              <Table stack caption="Jobs, newest first" head={['Accepted', 'Status', 'Operation', 'Order', 'Finished', 'Errors']}>
                {page.items.map((job) => (
                  <tr key={job.jobId}>
                    <td data-label="Accepted">
                      {dateTime(job.acceptedAt)}
                      <div className="muted small mono">{job.jobId}</div>
                    </td>
                    <td data-label="Status">
                      <Badge tone={tone[job.status]}>{job.status}</Badge>
                    </td>
                    <td data-label="Operation">{job.operation}</td>
                    <td data-label="Order">
                      <Link to={`/orders/${encodeURIComponent(job.orderId)}`}>{job.orderId}</Link>
                    </td>
                    <td data-label="Finished">{job.finishedAt ? dateTime(job.finishedAt) : '—'}</td>
                    <td data-label="Errors">
                      {job.errorCode ? (
                        <>
                          <strong>{job.errorCode}</strong>
                          <ul className="plain">
                            {(job.errors ?? []).map((e, i) => (
                              <li key={i}>
                                {e.path ? <code>{e.path}</code> : null} {e.message}
                              </li>
                            ))}
                          </ul>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager
              offset={page.offset}
              count={page.count}
              total={page.totalCount}
              label="Jobs"
              onOffset={(o) => navigate(href('/jobs', { status, orderId, offset: o }))}
            />
          </>
        )}
      </Show>
    </section>
  );
}
