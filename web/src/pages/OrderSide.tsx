// The right-hand column of the order page: who, where and how it was delivered.
import { type Store, stores } from '../api/admin.ts';
import { itemsOf } from '../api/client.ts';
import type { Address, Order } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Fields } from '../components/ui.tsx';
import { StatusBadge } from '../components/OrderBadges.tsx';
import { contactName } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import { Email, When } from './OrderText.tsx';

const orderLink = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

export function OrderSide({ order }: { order: Order }) {
  return (
    <>
      <section className="card" aria-label="Details">
        <h2>Details</h2>
        <Fields
          rows={[
            ['Status', <StatusBadge key="s" status={order.status} />],
            ['External status', order.externalStatus],
            ['Store', <StoreName key="store" externalId={order.externalStoreId} />],
            ['Channel', order.channel],
            ['Created', <When key="c" value={order.createdAt} />],
            // The client's own lastChangedAt when it sent one, else when this version was processed.
            ['Last changed', <When key="l" value={order.lastChangedAt ?? order.processedAt} />],
            ['Processed', order.lastChangedAt ? <When key="p" value={order.processedAt} /> : undefined],
            ['Version tag', <code key="v">{order.versionTag}</code>],
          ]}
        />
      </section>
      <ContactFacts order={order} />
      {order.delivery && Object.values(order.delivery).some(Boolean) ? (
        <section className="card" aria-label="Delivery">
          <h2>Delivery</h2>
          <Fields
            rows={[
              ['Method', order.delivery.method],
              ['Tracking number', order.delivery.trackingNumber ? <span className="nowrap mono">{order.delivery.trackingNumber}</span> : undefined],
              [
                'Tracking',
                order.delivery.trackingUri ? (
                  <a href={order.delivery.trackingUri} target="_blank" rel="noreferrer">
                    Track the parcel
                  </a>
                ) : undefined,
              ],
              ['Delivery date', order.delivery.deliveryDate ? <When value={order.delivery.deliveryDate} /> : undefined],
            ]}
          />
        </section>
      ) : null}
      <AddressCard title="Billing address" address={order.billingAddress} />
      <AddressCard title="Shipping address" address={order.shippingAddress} />
      {order.references?.length ? (
        <section className="card" aria-label="Referenced orders">
          <h2>Referenced orders</h2>
          <ul className="plain">
            {order.references.map((ref) => (
              <li key={ref}>
                <Link to={orderLink(ref)}>{ref}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function StoreName({ externalId }: { externalId: string }) {
  const { api } = useSession();
  const list = useApi(() => stores(api), [api]);
  const store = list.state === 'ok' ? itemsOf<Store>(list.data).find((s) => s.externalId === externalId) : undefined;
  if (!store) {
    const unknown = list.state === 'ok' ? <span className="muted small"> (not in the store register)</span> : null;
    return (
      <span>
        <span className="mono">{externalId}</span>
        {unknown}
      </span>
    );
  }
  return (
    <span>
      {store.name} <span className="muted small mono nowrap">{externalId}</span>
    </span>
  );
}

function ContactFacts({ order }: { order: Order }) {
  const { api } = useSession();
  const contactId = order.contactId;
  const contact = useApi(() => (contactId ? api.contact(contactId) : Promise.resolve(null)), [api, contactId]);
  const known = contact.state === 'ok' ? contact.data : null;
  const email = known?.email ?? (order.contact?.matchKeyType === 'Email' ? order.contact.matchKey : undefined);
  return (
    <section className="card" aria-label="Contact">
      <h2>Contact</h2>
      <Fields
        rows={[
          [
            'Name',
            contactId ? (
              <Link key="n" to={`/contacts/${contactId}`}>
                {contactName(known ?? undefined) || 'Open the contact card'}
              </Link>
            ) : undefined,
          ],
          ['Email', email ? <Email key="e" value={email} /> : undefined],
          ['Mobile phone', known?.mobilePhone ? <span className="nowrap">{known.mobilePhone}</span> : undefined],
          ['Member number', known?.memberNumber ?? undefined],
          ['Matched by', `${order.contact?.matchKeyType ?? ''}${contactId ? '' : ' (no contact yet)'}`],
          ['Match key', contactId || order.contact?.matchKeyType === 'Email' ? undefined : order.contact?.matchKey],
        ]}
      />
    </section>
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
  if (lines.length === 0) return null;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <address>
        {lines.map((line, i) => (
          <div key={i} className={line === address.email ? 'clip' : undefined}>
            {line}
          </div>
        ))}
      </address>
    </section>
  );
}
