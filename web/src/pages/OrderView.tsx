// One order: lines and amounts on the left; contact, store, delivery, addresses and the
// edit controls on the right; receipts, the timeline, action events and versions below
// the lines. On a phone one column in that order: lines, facts, history. Sections with
// nothing to show are left out. An edit refreshes them all at once when its job ends.
import { useRef } from 'react';
import type { Order } from '../api/types.ts';
import { type Loaded, useApi } from '../api/useApi.ts';
import { orderTimeline } from '../api/admin.ts';
import { Failure, Fields, Loading } from '../components/ui.tsx';
import { StatusBadge, TypeBadge } from '../components/OrderBadges.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import { OrderEdits } from './OrderEdits.tsx';
import { OrderHistory } from './OrderHistory.tsx';
import { AmountLists, LineTable, isReturn, orderSums } from './OrderLines.tsx';
import { OrderSide } from './OrderSide.tsx';
import { Amount } from './OrderText.tsx';

/** While a view reloads after an edit, keep showing what it showed (no flash of "Loading…"). */
function useKept<T>(loaded: Loaded<T>): Loaded<T> {
  const kept = useRef(loaded);
  if (loaded.state !== 'loading') kept.current = loaded;
  return loaded.state === 'loading' && kept.current.state === 'ok' ? kept.current : loaded;
}

export function OrderView({ orderId }: { orderId: string }) {
  const { api, canWrite } = useSession();
  const orderLoad = useApi(() => api.order(orderId), [api, orderId]);
  const receipts = useApi(() => api.orderReceipts(orderId), [api, orderId]);
  const actions = useApi(() => api.orderActions(orderId), [api, orderId]);
  const versions = useApi(() => api.orderVersions(orderId), [api, orderId]);
  const timeline = useApi(() => orderTimeline(api, orderId), [api, orderId]);
  const order = useKept(orderLoad);
  const history = { receipts: useKept(receipts), actions: useKept(actions), versions: useKept(versions), timeline: useKept(timeline) };
  const refresh = () => [orderLoad, actions, versions, timeline].forEach((loaded) => loaded.reload());

  const missing = order.state === 'error' && order.error.status === 404 && !order.error.notAvailable;
  return (
    <section>
      <p className="crumbs">
        {order.state === 'ok' && order.data.contactId ? <Link to={`/contacts/${order.data.contactId}`}>Contact</Link> : <Link to="/contacts">Contacts</Link>} ›
      </p>
      <h1>
        Order <span className="mono">{orderId}</span>{' '}
        {order.state === 'ok' ? (
          <>
            <TypeBadge type={order.data.orderType} /> <StatusBadge status={order.data.status} />
          </>
        ) : null}
      </h1>
      {order.state === 'loading' ? <Loading what="the order" /> : null}
      {missing ? (
        <div className="state" role="alert" data-testid="order-not-found">
          <strong>No order with this id.</strong> Check the id, or find the order from its contact. <Link to="/contacts">Search contacts</Link>
        </div>
      ) : order.state === 'error' ? (
        <Failure error={order.error} what="the order" retry={orderLoad.reload} />
      ) : null}
      {order.state === 'ok' ? (
        <div className="order-page">
          <div className="order-main">
            <OrderBody order={order.data} />
          </div>
          <aside className="order-side" aria-label="Order facts">
            <OrderSide order={order.data} />
            {canWrite ? <OrderEdits order={order.data} onChanged={refresh} /> : null}
          </aside>
          <div className="order-history">
            <OrderHistory {...history} />
          </div>
        </div>
      ) : null}
    </section>
  );
}

function OrderBody({ order }: { order: Order }) {
  const c = order.currencyCode;
  const sums = orderSums(order);
  const lines = order.lineItems?.items ?? [];
  const purchases = lines.filter((l) => !isReturn(l));
  const returns = lines.filter(isReturn);
  const money = (amount: number | undefined) => (amount === undefined ? undefined : <Amount value={amount} currency={c} />);
  return (
    <>
      {purchases.length ? (
        <section aria-labelledby="purchase-lines">
          <h2 id="purchase-lines">Purchase lines ({purchases.length})</h2>
          <LineTable lines={purchases} currency={c} kind="Purchase" />
        </section>
      ) : null}
      {returns.length ? (
        <section aria-labelledby="return-lines">
          <h2 id="return-lines">Return lines ({returns.length})</h2>
          <LineTable lines={returns} currency={c} kind="Return" />
        </section>
      ) : null}
      <section className="card" aria-label="Amounts">
        <h2>Amounts</h2>
        <Fields
          rows={[
            ['Purchases', purchases.length ? money(sums.purchases) : undefined],
            ['Returns', returns.length ? money(sums.returns) : undefined],
            ['Subtotal', money(sums.subTotal)],
            ['Discounts', money(sums.discounts)],
            ['Fees', money(sums.fees)],
            ['Total', <strong key="t">{money(sums.total)}</strong>],
            ['Taxes', money(sums.taxes)],
            ['Paid', money(sums.payments)],
          ]}
        />
      </section>
      <AmountLists order={order} />
    </>
  );
}
