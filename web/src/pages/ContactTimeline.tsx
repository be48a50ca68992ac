// The contact card's Timeline tab: the contact's events newest first (their orders'
// versions with type and total, receipts, actions, automation deliveries), linking
// to the orders; "Show older" follows the API's cursor.
import { useEffect, useState } from 'react';
import { ApiFailure, fetchJson } from '../api/client.ts';
import type { AnswerOf } from '../api/generated.ts';
import { TypeBadge } from '../components/OrderBadges.tsx';
import { Badge, Failure, Loading, Table } from '../components/ui.tsx';
import { dateTime, money } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';

type TimelinePage = AnswerOf<'GET /api/v3/contacts/{contactId}/timeline'>;
type Entry = TimelinePage['items'][number];

const operationText: Record<string, string> = {
  Create: 'Order created',
  Replace: 'Order replaced',
  ChangeStatus: 'Status changed',
  ChangeDelivery: 'Delivery changed',
  Delete: 'Order deleted',
};
const deliveryTone: Record<string, string> = { Delivered: 'ok', Failed: 'error', Skipped: 'warn' };

function what(entry: Entry) {
  switch (entry.kind) {
    case 'order':
      return (
        <>
          {operationText[entry.operation ?? ''] ?? entry.operation} {entry.orderType ? <TypeBadge type={entry.orderType} /> : null}
          {entry.status ? <span className="muted"> {entry.status}</span> : null}
        </>
      );
    case 'receipt':
      return <>Receipt {entry.receiptNumber ?? entry.uniqueReceiptId}</>;
    case 'action':
      return (
        <>
          Action <strong>{entry.action}</strong>
          {entry.language ? <span className="muted"> ({entry.language})</span> : null}
        </>
      );
    default:
      return (
        <>
          {entry.automationName}: {entry.stepType} <Badge tone={deliveryTone[entry.status ?? '']}>{entry.status}</Badge>
          {entry.lastError ? <div className="muted wrap-anywhere">{entry.lastError}</div> : null}
        </>
      );
  }
}

export function ContactTimeline({ contactId }: { contactId: string }) {
  const { api } = useSession();
  const [items, setItems] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | ApiFailure>('loading');

  async function load(cursor: string | null) {
    setState('loading');
    const query = new URLSearchParams({ limit: '25', ...(cursor ? { cursor } : {}) });
    try {
      const page = await fetchJson<TimelinePage>(api.key, `/api/v3/contacts/${encodeURIComponent(contactId)}/timeline?${query}`);
      setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
      setNext(page.nextCursor);
      setState('ok');
    } catch (error) {
      setState(error instanceof ApiFailure ? error : new ApiFailure(0, undefined));
    }
  }

  useEffect(() => {
    setItems([]);
    void load(null);
  }, [api, contactId]);

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {state instanceof ApiFailure ? <Failure error={state} what="the timeline" retry={() => void load(null)} /> : null}
      {items.length > 0 ? (
        <Table stack caption="Events, newest first" head={['When', 'What', 'Order', 'Amount']}>
          {items.map((entry, i) => (
            <tr key={`${entry.kind}-${entry.at}-${i}`} data-kind={entry.kind}>
              <td data-label="When" className="nowrap">
                {dateTime(entry.at)}
              </td>
              <td data-label="What">
                <div>{what(entry)}</div>
              </td>
              <td data-label="Order" className="wrap-anywhere">
                <div>{entry.orderId ? <Link to={`/orders/${encodeURIComponent(entry.orderId)}`}>{entry.orderId}</Link> : ''}</div>
              </td>
              <td data-label="Amount" className="num">
                {/* one element per cell: on a phone the cell is a label / value grid, and an empty one is hidden */}
                <div>{entry.total !== undefined && entry.total !== null ? money(entry.total, entry.currency ?? undefined) : ''}</div>
              </td>
            </tr>
          ))}
        </Table>
      ) : state === 'ok' ? (
        <p className="muted">No events yet.</p>
      ) : null}
      {state === 'loading' ? <Loading what="the timeline" /> : null}
      {state === 'ok' && next ? (
        <button type="button" className="secondary" onClick={() => void load(next)}>
          Show older
        </button>
      ) : null}
    </section>
  );
}
