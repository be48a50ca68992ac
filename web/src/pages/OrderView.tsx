// One order: details, sums, purchase and return lines apart, amounts, delivery,
// references, receipts, action events and version history.
import type { Address, Order } from '../api/types.ts';
import { itemsOf } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Fields, Json, Show, Table } from '../components/ui.tsx';
import { dateTime, money } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import { OrderTypeBadge } from './ContactCard.tsx';
import { OrderEdits } from './OrderEdits.tsx';
import { AmountLists, LineTable, isReturn, orderSums } from './OrderLines.tsx';

const orderLink = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

export function OrderView({ orderId }: { orderId: string }) {
  const { api, canWrite } = useSession();
  const order = useApi(() => api.order(orderId), [api, orderId]);
  return (
    <section>
      <p className="crumbs">
        {order.state === 'ok' && order.data.contactId ? <Link to={`/contacts/${order.data.contactId}`}>Contact</Link> : <Link to="/contacts">Contacts</Link>} ›
      </p>
      <h1>
        Order <span className="mono">{orderId}</span> {order.state === 'ok' ? <OrderTypeBadge type={order.data.orderType} /> : null}
      </h1>
      <Show loaded={order} what="the order">
        {(o) => (
          <>
            <OrderDetails order={o} />
            {canWrite ? <OrderEdits order={o} onChanged={order.reload} /> : null}
          </>
        )}
      </Show>
      <Related orderId={orderId} />
    </section>
  );
}

function OrderDetails({ order }: { order: Order }) {
  const c = order.currencyCode;
  const sums = orderSums(order);
  const lines = order.lineItems?.items ?? [];
  const purchases = lines.filter((l) => !isReturn(l));
  const returns = lines.filter(isReturn);
  return (
    <>
      <div className="grid">
        <section className="card" aria-label="Details">
          <h2>Details</h2>
          <Fields
            rows={[
              ['Status', order.status],
              ['External status', order.externalStatus],
              ['Store', order.externalStoreId],
              ['Channel', order.channel],
              ['Contact', order.contactId ? <Link to={`/contacts/${order.contactId}`}>{order.contact?.matchKey ?? order.contactId}</Link> : `none (${order.contact?.matchKeyType} ${order.contact?.matchKey})`],
              ['Created', dateTime(order.createdAt)],
              ['Last changed', order.lastChangedAt ? dateTime(order.lastChangedAt) : undefined],
              ['Processed', dateTime(order.processedAt)],
              ['Version tag', <code key="v">{order.versionTag}</code>],
            ]}
          />
        </section>
        <section className="card" aria-label="Amounts">
          <h2>Amounts</h2>
          <Fields
            rows={[
              ['Purchases', money(sums.purchases, c)],
              ['Returns', returns.length ? money(sums.returns, c) : undefined],
              ['Subtotal', money(sums.subTotal, c)],
              ['Discounts', sums.discounts === undefined ? undefined : money(sums.discounts, c)],
              ['Fees', sums.fees === undefined ? undefined : money(sums.fees, c)],
              ['Total', <strong key="t">{money(sums.total, c)}</strong>],
              ['Taxes', sums.taxes === undefined ? undefined : money(sums.taxes, c)],
              ['Paid', sums.payments === undefined ? undefined : money(sums.payments, c)],
            ]}
          />
        </section>
      </div>
      <section aria-labelledby="purchase-lines">
        <h2 id="purchase-lines">Purchase lines ({purchases.length})</h2>
        {purchases.length ? <LineTable lines={purchases} currency={c} kind="Purchase" /> : <p className="muted">None.</p>}
      </section>
      <section aria-labelledby="return-lines">
        <h2 id="return-lines">Return lines ({returns.length})</h2>
        {returns.length ? <LineTable lines={returns} currency={c} kind="Return" /> : <p className="muted">None.</p>}
      </section>
      <AmountLists order={order} />
      <div className="grid">
        <section className="card" aria-label="Delivery">
          <h2>Delivery</h2>
          {order.delivery ? (
            <Fields
              rows={[
                ['Method', order.delivery.method],
                ['Tracking number', order.delivery.trackingNumber],
                ['Tracking', order.delivery.trackingUri ? <a href={order.delivery.trackingUri} target="_blank" rel="noreferrer">Track the parcel</a> : undefined],
                ['Delivery date', order.delivery.deliveryDate ? dateTime(order.delivery.deliveryDate) : undefined],
              ]}
            />
          ) : (
            <p className="muted">No delivery details.</p>
          )}
        </section>
        <AddressCard title="Billing address" address={order.billingAddress} />
        <AddressCard title="Shipping address" address={order.shippingAddress} />
        <section className="card" aria-label="Referenced orders">
          <h2>Referenced orders</h2>
          {order.references?.length ? (
            <ul className="plain">
              {order.references.map((ref) => (
                <li key={ref}>
                  <Link to={orderLink(ref)}>{ref}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )}
        </section>
      </div>
    </>
  );
}

function AddressCard({ title, address }: { title: string; address?: Address }) {
  if (!address) return null;
  const lines = [
    [address.title, address.firstname, address.lastname].filter(Boolean).join(' '),
    address.careOf ? `c/o ${address.careOf}` : '',
    address.street,
    [address.zipCode, address.city].filter(Boolean).join(' '),
    [address.region, address.countryCode].filter(Boolean).join(', '),
    address.email,
    address.mobilePhone,
  ].filter(Boolean);
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <address>
        {lines.map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </address>
    </section>
  );
}

function Related({ orderId }: { orderId: string }) {
  const { api } = useSession();
  const receipts = useApi(() => api.orderReceipts(orderId), [api, orderId]);
  const actions = useApi(() => api.orderActions(orderId), [api, orderId]);
  const versions = useApi(() => api.orderVersions(orderId), [api, orderId]);
  return (
    <>
      <section aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">Receipts</h2>
        <Show loaded={receipts} what="receipts">
          {(answer) =>
            itemsOf(answer).length ? (
              <Table caption="Receipts of this order" head={['Receipt', 'Date', 'Store', 'Total']}>
                {itemsOf(answer).map((r) => (
                  <tr key={r.uniqueReceiptId}>
                    <td>{r.receiptNumber}</td>
                    <td>{dateTime(r.createdDate)}</td>
                    <td>{r.storeExternalId}</td>
                    <td className="num">{money(r.totalGrossPrice, r.currency)}</td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="muted">None.</p>
            )
          }
        </Show>
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Action events</h2>
        <Show loaded={actions} what="action events">
          {(answer) =>
            itemsOf(answer).length ? (
              <Table caption="Action events, newest first" head={['Action', 'When', 'Language', 'Version tag', 'Data']}>
                {itemsOf(answer).map((a) => (
                  <tr key={a.actionId}>
                    <td>{a.action}</td>
                    <td>{dateTime(a.createdAt)}</td>
                    <td>{a.language ?? '—'}</td>
                    <td className="mono small">{a.versionTag}</td>
                    <td>
                      <Json value={a.data} />
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="muted">None.</p>
            )
          }
        </Show>
      </section>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Version history</h2>
        <Show loaded={versions} what="the version history">
          {(answer) => (
            <Table caption="Versions, newest first" head={['Processed', 'Operation', 'Version tag', 'Changes']}>
              {itemsOf(answer).map((v) => (
                <tr key={v.versionTag + v.processedAt}>
                  <td>{dateTime(v.processedAt)}</td>
                  <td>{v.operation}</td>
                  <td className="mono small">{v.versionTag}</td>
                  <td>{v.changes.join(', ')}</td>
                </tr>
              ))}
            </Table>
          )}
        </Show>
      </section>
    </>
  );
}
