// A saved segment: its filter in words, its members as of now (name and email,
// each linking to the contact card), paged, and a CSV download of all of them.
import { useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Failure, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import { downloadMembersCsv, segmentMembers } from './api.ts';
import { FilterSummary } from './FilterSummary.tsx';
import './segments.css';

const asFailure = (error: unknown) => (error instanceof ApiFailure ? error : new ApiFailure(0, undefined));

export function SegmentPage({ id }: { id: string }) {
  const { api, canWrite } = useSession();
  const segment = useApi(() => api.segment(id), [api, id]);
  const [offset, setOffset] = useState(0);
  const members = useApi(() => segmentMembers(api, id, offset, 20), [api, id, offset]);
  const [deleteError, setDeleteError] = useState<ApiFailure | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiFailure | null>(null);

  async function remove() {
    if (!window.confirm('Delete this segment?')) return;
    try {
      await api.deleteSegment(id);
      navigate('/segments');
    } catch (error) {
      setDeleteError(asFailure(error));
    }
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      await downloadMembersCsv(api, id);
    } catch (error) {
      setExportError(asFailure(error));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section>
      <p className="crumbs">
        <Link to="/segments">Segments</Link> ›
      </p>
      <Show loaded={segment} what="the segment">
        {(s) => (
          <>
            <h1>{s.name}</h1>
            <p className="muted">Saved {dateTime(s.createdAt)}</p>
            <FilterSummary filter={s.filter} />
            <details>
              <summary>Filter as JSON (for the API)</summary>
              <pre className="json">{JSON.stringify(s.filter, null, 2)}</pre>
            </details>
            {canWrite ? (
              <button type="button" className="danger" onClick={remove}>
                Delete segment
              </button>
            ) : null}
            {deleteError ? <Failure error={deleteError} what="deleting the segment" /> : null}
          </>
        )}
      </Show>
      <h2>Contacts</h2>
      <div className="row">
        <button type="button" onClick={exportCsv} disabled={exporting}>
          {exporting ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </div>
      {exportError ? <Failure error={exportError} what="the CSV export" /> : null}
      <Show loaded={members} what="the segment's contacts">
        {(page) => (
          <>
            <p data-testid="segment-total">
              {page.totalCount} contact{page.totalCount === 1 ? '' : 's'} match now.
            </p>
            {page.items.length ? (
              <Table caption="Contacts in this segment" head={['Name', 'Email']} stack>
                {page.items.map((m) => {
                  const name = [m.firstName, m.lastName].filter(Boolean).join(' ');
                  return (
                    <tr key={m.contactId} className="members">
                      <td data-label="Name">
                        <Link to={`/contacts/${encodeURIComponent(m.contactId)}`}>{name || m.email || m.contactId}</Link>
                      </td>
                      <td data-label="Email" className="email">
                        {m.email ?? <span className="muted">—</span>}
                      </td>
                    </tr>
                  );
                })}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Segment contacts" />
          </>
        )}
      </Show>
    </section>
  );
}
