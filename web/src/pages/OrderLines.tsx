// An order's lines (purchases and returns apart) and its amount lists.
import type { LineItem, Order, Tax } from '../api/types.ts';
import { Table } from '../components/ui.tsx';
import { money, number, sum } from '../format.ts';

export const isReturn = (line: LineItem) => line.type === 'Return';

export function LineTable({ lines, currency, kind }: { lines: LineItem[]; currency: string; kind: 'Purchase' | 'Return' }) {
  const head = ['Article', 'Quantity', 'Price per unit', 'Total', 'Discounts', 'Taxes', 'Status'];
  if (kind === 'Return') head.push('Return reason');
  return (
    <Table caption={kind === 'Purchase' ? 'Purchase lines' : 'Return lines'} head={head}>
      {lines.map((line, index) => (
        <tr key={line.id ?? index}>
          <td>
            <div className="article">
              {line.article.imageUri ? <img src={line.article.imageUri} alt="" width={48} height={48} loading="lazy" /> : null}
              <div>
                <div>
                  {line.article.targetUri ? (
                    <a href={line.article.targetUri} target="_blank" rel="noreferrer">
                      {line.article.name ?? line.article.sku}
                    </a>
                  ) : (
                    (line.article.name ?? line.article.sku)
                  )}
                </div>
                <div className="muted small">SKU {line.article.sku}</div>
              </div>
            </div>
          </td>
          <td className="num">{number(line.quantity)}</td>
          <td className="num">
            {money(line.pricePerUnit, currency)}
            {line.originalPricePerUnit !== undefined && line.originalPricePerUnit !== line.pricePerUnit ? (
              <div className="muted small">
                was <s>{money(line.originalPricePerUnit, currency)}</s>
              </div>
            ) : null}
          </td>
          <td className="num">
            {money(line.totalPrice, currency)}
            {line.originalTotalPrice !== undefined && line.originalTotalPrice !== line.totalPrice ? (
              <div className="muted small">
                was <s>{money(line.originalTotalPrice, currency)}</s>
              </div>
            ) : null}
          </td>
          <td>{(line.discounts ?? []).map((d, i) => <div key={i}>{[d.type, d.description].filter(Boolean).join(' · ') || 'Discount'}: {money(d.amount, currency)}</div>)}</td>
          <td>{(line.taxes ?? []).map((t, i) => <div key={i}>{taxText(t, currency)}</div>)}</td>
          <td>{line.externalStatus ?? '—'}</td>
          {kind === 'Return' ? <td>{line.returnDetails ? [line.returnDetails.type, line.returnDetails.reason].filter(Boolean).join(': ') : '—'}</td> : null}
        </tr>
      ))}
    </Table>
  );
}

const taxText = (t: Tax, currency: string) => `${t.description ? `${t.description} ` : ''}${number(t.percent)} %: ${money(t.amount, currency)}`;

/** The sums a CRM user asks about, computed exactly from the order as stored. */
export function orderSums(order: Order) {
  const lines = order.lineItems?.items ?? [];
  const purchases = sum(lines.filter((l) => !isReturn(l)).map((l) => l.totalPrice));
  const returns = sum(lines.filter(isReturn).map((l) => l.totalPrice));
  const listTotal = (list?: { items: { amount: number }[]; total?: number }) => (list ? (list.total ?? sum(list.items.map((i) => i.amount))) : undefined);
  const fees = listTotal(order.fees);
  const discounts = listTotal(order.discounts);
  const payments = listTotal(order.payments);
  const taxes = order.taxes ? sum(order.taxes.map((t) => t.amount)) : undefined;
  const total = order.totalPrice ?? sum([order.lineItems?.subTotal, fees, discounts === undefined ? undefined : -discounts]);
  return { purchases, returns, subTotal: order.lineItems?.subTotal, fees, discounts, payments, taxes, total };
}

export function AmountLists({ order }: { order: Order }) {
  const c = order.currencyCode;
  const lists: [string, { items: { type: string; description?: string; amount: number; reference?: string }[] } | undefined][] = [
    ['Payments', order.payments],
    ['Discounts', order.discounts],
    ['Fees', order.fees],
  ];
  return (
    <div className="grid">
      {lists.map(([title, list]) => (
        <section key={title} className="card" aria-label={title}>
          <h3>{title}</h3>
          {list && list.items.length > 0 ? (
            <ul className="plain">
              {list.items.map((item, i) => (
                <li key={i}>
                  {[item.type, item.description, item.reference].filter(Boolean).join(' · ')}: <strong>{money(item.amount, c)}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None.</p>
          )}
        </section>
      ))}
      <section className="card" aria-label="Taxes">
        <h3>Taxes</h3>
        {order.taxes && order.taxes.length > 0 ? (
          <ul className="plain">
            {order.taxes.map((t, i) => (
              <li key={i}>{taxText(t, c)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
    </div>
  );
}
