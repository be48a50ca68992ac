// The Orders page (the console's home): every order, filtered and searched, newest first.
// The filters live in the URL, so a view can be bookmarked or shared; "Load more" follows
// the list's cursor, so going deep costs the service no more than the first page.
import { type FormEvent, useEffect, useState } from 'react';
import { type OrderFilters, type OrderListItem, listOrders, listStores, orderFilterNames } from '../api/orders-browse.ts';
import { ApiFailure } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Badge, Failure, Loading, Table } from '../components/ui.tsx';
import { dateTime, money, number } from '../format.ts';
import { Link, href, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

const knownStatuses = ['Received', 'InProgress', 'Completed', 'Cancelled'];
const statusLabel: Record<string, string> = { InProgress: 'In progress' };
const sorts = [
  ['createdAt:desc', 'Newest first'],
  ['createdAt:asc', 'Oldest first'],
  ['processedAt:desc', 'Recently processed'],
  ['processedAt:asc', 'Earliest processed'],
] as const;

/** A status's badge colour; a client's own status gets the neutral one. */
export function statusTone(status: string): string {
  const known = knownStatuses.find((s) => s.toLowerCase() === status.toLowerCase());
  return known ? `status-${known.toLowerCase()}` : 'status-other';
}

function filtersOf(query: URLSearchParams): OrderFilters {
  const filters: OrderFilters = {};
  for (const name of orderFilterNames) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

type Listing =
  | { state: 'loading' }
  | { state: 'error'; error: ApiFailure }
  | { state: 'ok'; items: OrderListItem[]; nextCursor: string | null; more: 'idle' | 'loading' | ApiFailure };

export function OrdersPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const filters = filtersOf(query);
  const filterKey = href('', filters);
  const [draft, setDraft] = useState<OrderFilters>(filters);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const stores = useApi(() => listStores(api), [api]);

  // The URL is the truth: a new filter set (a link, back/forward) restarts the list and the form.
  useEffect(() => {
    setDraft(filtersOf(new URLSearchParams(filterKey.slice(1))));
    let live = true;
    setListing({ state: 'loading' });
    listOrders(api, filtersOf(new URLSearchParams(filterKey.slice(1)))).then(
      (page) => live && setListing({ state: 'ok', items: page.items, nextCursor: page.nextCursor, more: 'idle' }),
      (error: unknown) => live && setListing({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) }),
    );
    return () => {
      live = false;
    };
  }, [api, filterKey, attempt]);

  async function loadMore() {
    if (listing.state !== 'ok' || !listing.nextCursor) return;
    setListing({ ...listing, more: 'loading' });
    try {
      const page = await listOrders(api, filters, listing.nextCursor);
      setListing({ state: 'ok', items: [...listing.items, ...page.items], nextCursor: page.nextCursor, more: 'idle' });
    } catch (error) {
      setListing({ ...listing, more: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) });
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    navigate(href('/orders', draft));
  }
  const set = (name: keyof OrderFilters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const chosenStatuses = new Set(
    (draft.status ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const toggleStatus = (status: string, on: boolean) => {
    const next = new Set(chosenStatuses);
    if (on) next.add(status);
    else next.delete(status);
    set('status')([...next].join(','));
  };
  const sortValue = `${draft.sort ?? 'createdAt'}:${draft.order ?? 'desc'}`;
  const storeNames = new Map((stores.data ?? []).map((store) => [store.externalId, store.name]));

  return (
    <section className="orders-page">
      <h1>Orders</h1>
      <form className="card filters orders-filters" onSubmit={apply} aria-label="Filter orders">
        <div className="field wide">
          <label htmlFor="orders-q">Search</label>
          <input
            id="orders-q"
            type="search"
            placeholder="Order id, email, name, SKU or tracking number"
            value={draft.q ?? ''}
            onChange={(e) => set('q')(e.target.value)}
          />
        </div>
        <fieldset className="field statuses">
          <legend>Status</legend>
          {[...knownStatuses, ...[...chosenStatuses].filter((s) => !knownStatuses.includes(s))].map((status) => (
            <label key={status} className="check">
              <input type="checkbox" checked={chosenStatuses.has(status)} onChange={(e) => toggleStatus(status, e.target.checked)} />
              {statusLabel[status] ?? status}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="orders-type">Type</label>
          <select id="orders-type" value={draft.orderType ?? ''} onChange={(e) => set('orderType')(e.target.value)}>
            <option value="">Any</option>
            <option>Purchase</option>
            <option>Return</option>
            <option>Mixed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-store">Store</label>
          <select id="orders-store" value={draft.storeId ?? ''} onChange={(e) => set('storeId')(e.target.value)}>
            <option value="">Any</option>
            {draft.storeId && !storeNames.has(draft.storeId) ? <option value={draft.storeId}>{draft.storeId}</option> : null}
            {(stores.data ?? []).map((store) => (
              <option key={store.externalId} value={store.externalId}>
                {store.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-channel">Channel</label>
          <input id="orders-channel" value={draft.channel ?? ''} onChange={(e) => set('channel')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="orders-created-from">Created from</label>
          <input id="orders-created-from" type="date" value={draft.createdFrom ?? ''} onChange={(e) => set('createdFrom')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="orders-created-to">Created to</label>
          <input id="orders-created-to" type="date" value={draft.createdTo ?? ''} onChange={(e) => set('createdTo')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="orders-processed-from">Processed from</label>
          <input id="orders-processed-from" type="date" value={draft.processedFrom ?? ''} onChange={(e) => set('processedFrom')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="orders-processed-to">Processed to</label>
          <input id="orders-processed-to" type="date" value={draft.processedTo ?? ''} onChange={(e) => set('processedTo')(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="orders-warnings">Warnings</label>
          <select id="orders-warnings" value={draft.hasWarnings ?? ''} onChange={(e) => set('hasWarnings')(e.target.value)}>
            <option value="">Any</option>
            <option value="true">With open warnings</option>
            <option value="false">Without</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-sort">Sort</label>
          <select
            id="orders-sort"
            value={sortValue}
            onChange={(e) => {
              const [sort, order] = e.target.value.split(':');
              setDraft((d) => ({ ...d, sort: sort === 'createdAt' ? '' : sort, order: order === 'desc' ? '' : order }));
            }}
          >
            {sorts.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Show orders</button>
          {Object.keys(filters).length ? <Link to="/orders">Clear filters</Link> : null}
        </div>
      </form>

      {listing.state === 'loading' ? <Loading what="orders" /> : null}
      {listing.state === 'error' ? <Failure error={listing.error} what="orders" retry={() => setAttempt((a) => a + 1)} /> : null}
      {listing.state === 'ok' ? (
        <>
          {listing.items.length === 0 ? (
            <p className="state">No orders match{Object.keys(filters).length ? ' these filters' : ' yet'}.</p>
          ) : (
            <Table stack caption="Orders" head={['Order', 'Created', 'Contact', 'Store', 'Status', 'Type', 'Amount', 'Warnings']}>
              {listing.items.map((order) => (
                <OrderRow key={order.orderId} order={order} />
              ))}
            </Table>
          )}
          <p className="muted small" aria-live="polite">
            {number(listing.items.length)} shown{listing.nextCursor ? '; more match' : ''}.
          </p>
          {listing.more instanceof ApiFailure ? <Failure error={listing.more} what="more orders" retry={loadMore} /> : null}
          {listing.nextCursor ? (
            <button type="button" onClick={loadMore} disabled={listing.more === 'loading'}>
              {listing.more === 'loading' ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function OrderRow({ order }: { order: OrderListItem }) {
  const orderLink = `/orders/${encodeURIComponent(order.orderId)}`;
  return (
    <tr>
      <td data-label="Order">
        <Link to={orderLink} className="mono">
          {order.orderId}
        </Link>
        <div className="muted small">
          {order.lineCount} {order.lineCount === 1 ? 'line' : 'lines'}
          {order.channel ? ` · ${order.channel}` : ''}
        </div>
      </td>
      <td data-label="Created" className="nowrap">
        {dateTime(order.createdAt)}
      </td>
      <td data-label="Contact" className="contact-cell">
        {order.contactId ? (
          <Link to={`/contacts/${order.contactId}`}>{order.contactName ?? order.contactEmail ?? 'Contact'}</Link>
        ) : (
          <span>{order.contactEmail ?? '—'}</span>
        )}
        {order.contactId && order.contactName && order.contactEmail ? <div className="muted small">{order.contactEmail}</div> : null}
        {!order.contactId ? <div className="muted small">No registered contact</div> : null}
      </td>
      <td data-label="Store">
        {order.storeName ?? <span className="mono">{order.storeId}</span>}
        {order.storeName ? <div className="muted small mono">{order.storeId}</div> : <div className="muted small">Not in the store register</div>}
      </td>
      <td data-label="Status">
        <Badge tone={statusTone(order.status)}>{statusLabel[order.status] ?? order.status}</Badge>
      </td>
      <td data-label="Type">
        <Badge tone={order.orderType.toLowerCase()}>{order.orderType}</Badge>
      </td>
      <td data-label="Amount" className="num nowrap">
        {money(order.totalGrossPrice, order.currency ?? undefined)}
      </td>
      <td data-label="Warnings">
        {order.unresolvedWarnings > 0 ? (
          <Link to={href('/integration-log', { orderId: order.orderId, resolved: 'false' })}>
            <Badge tone="warning">{order.unresolvedWarnings} open</Badge>
          </Link>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
    </tr>
  );
}
