// A saved segment: its filter and its contacts as of now, paged, each linking to the contact card.
import { useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Failure, Json, Pager, Show } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

export function SegmentPage({ id }: { id: string }) {
  const { api, canWrite } = useSession();
  const segment = useApi(() => api.segment(id), [api, id]);
  const [offset, setOffset] = useState(0);
  const contacts = useApi(() => api.segmentContacts(id, offset, 20), [api, id, offset]);
  const [deleteError, setDeleteError] = useState<ApiFailure | null>(null);

  async function remove() {
    if (!window.confirm('Delete this segment?')) return;
    try {
      await api.deleteSegment(id);
      navigate('/segments');
    } catch (error) {
      setDeleteError(error instanceof ApiFailure ? error : new ApiFailure(0, undefined));
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
            <details>
              <summary>Filter</summary>
              <Json value={s.filter} />
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
      <Show loaded={contacts} what="the segment's contacts">
        {(page) => (
          <>
            <p data-testid="segment-total">{page.totalCount} contacts match now.</p>
            <ul className="plain">
              {page.items.map(({ contactId }) => (
                <li key={contactId}>
                  <Link to={`/contacts/${encodeURIComponent(contactId)}`} className="mono">
                    {contactId}
                  </Link>
                </li>
              ))}
            </ul>
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Segment contacts" />
          </>
        )}
      </Show>
    </section>
  );
}
