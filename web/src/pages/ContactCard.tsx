// The contact card: the summary figures and segment memberships first, then who
// the contact is (editable), then their orders (newest first), transactions and timeline.
import { useState } from 'react';
import { contactSummary } from '../api/contacts-browse.ts';
import type { Contact, Order } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Badge, Fields, Pager, Show, Table } from '../components/ui.tsx';
import { contactName, dateTime, money } from '../format.ts';
import { Link, href } from '../router.tsx';
import { useSession } from '../session.ts';
import { ContactEditor, ContactSummaryPanel } from './ContactSummary.tsx';
import { ContactTimeline } from './ContactTimeline.tsx';

export function ContactCard({ contactId, tab }: { contactId: string; tab: string }) {
  const { api, canWrite } = useSession();
  const contact = useApi(() => api.contact(contactId), [api, contactId]);
  // The contact as the last edit saved it (PATCH answers with it): shown at once, no reload.
  const [edited, setEdited] = useState<{ id: string; contact: Contact } | null>(null);
  const current = edited?.id === contactId ? edited.contact : contact.data;
  const summary = useApi(() => contactSummary(api, contactId), [api, contactId]);
  const title = current ? contactName(current) || 'Contact' : 'Contact';
  const base = `/contacts/${encodeURIComponent(contactId)}`;
  return (
    <section>
      <p className="crumbs">
        <Link to="/contacts">Contacts</Link> ›
      </p>
      <h1>{title}</h1>
      {contact.state === 'error' ? null : (
        <Show loaded={summary} what="the contact's summary">
          {(figures) => <ContactSummaryPanel summary={figures} />}
        </Show>
      )}
      <Show loaded={contact} what="the contact">
        {(loaded) => (
          <>
            <ContactFields contact={current ?? loaded} />
            {canWrite ? (
              <ContactEditor
                key={contactId}
                contact={current ?? loaded}
                contactId={contactId}
                onSaved={(saved) => setEdited({ id: contactId, contact: saved })}
              />
            ) : null}
          </>
        )}
      </Show>
      <nav className="tabs" aria-label="Contact sections">
        <Link to={href(base, { tab: 'orders' })} aria-current={tab !== 'transactions' && tab !== 'timeline' ? 'page' : undefined}>
          Orders
        </Link>
        <Link to={href(base, { tab: 'transactions' })} aria-current={tab === 'transactions' ? 'page' : undefined}>
          Transactions
        </Link>
        <Link to={href(base, { tab: 'timeline' })} aria-current={tab === 'timeline' ? 'page' : undefined}>
          Timeline
        </Link>
      </nav>
      {tab === 'transactions' ? (
        <Transactions contactId={contactId} />
      ) : tab === 'timeline' ? (
        <ContactTimeline contactId={contactId} />
      ) : (
        <Orders contactId={contactId} />
      )}
    </section>
  );
}

function ContactFields({ contact }: { contact: Contact }) {
  return (
    <Fields
      rows={[
        ['Contact id', <code key="id">{contact.id ?? contact.contactId}</code>],
        ['Type', contact.contactType],
        ['Email', contact.email],
        ['Mobile phone', contact.mobilePhone],
        ['Member number', contact.memberNumber],
        ['External id', contact.externalId],
        ['Card id', contact.cardId],
        ['Created', contact.createdAt ? dateTime(contact.createdAt) : undefined],
      ]}
    />
  );
}

export const orderTotal = (order: Order) => order.totalPrice ?? order.lineItems?.subTotal;
const typeTone: Record<string, string> = { Purchase: 'purchase', Return: 'return', Mixed: 'mixed' };
export const OrderTypeBadge = ({ type }: { type: string }) => <Badge tone={typeTone[type]}>{type}</Badge>;

function Orders({ contactId }: { contactId: string }) {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const orders = useApi(() => api.orders(contactId, offset, 10), [api, contactId, offset]);
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <Show loaded={orders} what="orders">
        {(page) => (
          <>
            {page.items.length > 0 ? (
              <Table
                stack
                caption="Orders, newest first"
                head={['Order', 'Type', 'Status', 'External status', 'Store', 'Channel', 'Total', 'Created', 'Last changed']}
              >
                {page.items.map((order) => (
                  <tr key={order.orderId}>
                    <td data-label="Order">
                      <Link to={`/orders/${encodeURIComponent(order.orderId)}`}>{order.orderId}</Link>
                    </td>
                    <td data-label="Type">
                      <OrderTypeBadge type={order.orderType} />
                    </td>
                    <td data-label="Status">{order.status}</td>
                    <td data-label="External status">{order.externalStatus ?? '—'}</td>
                    <td data-label="Store">{order.externalStoreId}</td>
                    <td data-label="Channel">{order.channel ?? '—'}</td>
                    <td data-label="Total" className="num">
                      {money(orderTotal(order), order.currencyCode)}
                    </td>
                    <td data-label="Created">{dateTime(order.createdAt)}</td>
                    <td data-label="Last changed">{dateTime(order.lastChangedAt)}</td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Orders" />
          </>
        )}
      </Show>
    </section>
  );
}

function Transactions({ contactId }: { contactId: string }) {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const receipts = useApi(() => api.contactReceipts(contactId, offset, 10), [api, contactId, offset]);
  return (
    <section aria-labelledby="tx-heading">
      <h2 id="tx-heading">Transactions</h2>
      <Show loaded={receipts} what="transactions (receipts)">
        {(page) => (
          <>
            {page.items.length > 0 ? (
              <Table stack caption="Receipts, newest first" head={['Receipt', 'Date', 'Store', 'Total', 'Payment', 'Items', 'Order']}>
                {page.items.map((r) => (
                  <tr key={r.uniqueReceiptId}>
                    <td data-label="Receipt">{r.receiptNumber ?? r.uniqueReceiptId}</td>
                    <td data-label="Date">{dateTime(r.createdDate)}</td>
                    <td data-label="Store">{r.storeExternalId}</td>
                    <td data-label="Total" className="num">
                      {money(r.totalGrossPrice, r.currency)}
                    </td>
                    <td data-label="Payment">
                      {(r.paymentMethods ?? []).map((p) => [p.type, money(p.value, r.currency)].filter(Boolean).join(' ')).join(', ') || '—'}
                    </td>
                    <td data-label="Items">
                      <div>
                        {(r.items ?? []).map((item, i) => (
                          <div key={i}>
                            {item.type} {item.articleName ?? item.sku} × {item.quantity}
                          </div>
                        ))}
                      </div>
                    </td>
                    <td data-label="Order" className="wrap-anywhere">
                      {r.orderId ? <Link to={`/orders/${encodeURIComponent(r.orderId)}`}>{r.orderId}</Link> : '—'}
                    </td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Transactions" />
          </>
        )}
      </Show>
    </section>
  );
}
