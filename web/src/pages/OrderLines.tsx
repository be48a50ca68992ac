// An order's lines (purchases and returns apart) and its amount lists.
import type { LineItem, Order, Tax } from '../api/types.ts';
import { Table } from '../components/ui.tsx';
import { money, number, sum } from '../format.ts';

export const isReturn = (line: LineItem) => line.type === 'Return';

// Engage does not publish the shapes of payments, fees, discounts and taxes: the API keeps any JSON there.
// The console shows and sums only the shapes it recognizes, and never breaks on another one.
type AmountItem = { type?: string; description?: string; amount: number; reference?: string };
const isAmountItem = (item: unknown): item is AmountItem => typeof item === 'object' && item !== null && typeof (item as AmountItem).amount === 'number';
function amountList(list: unknown): { items: AmountItem[]; total?: number } | undefined {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return undefined;
  const { items, total } = list as { items?: unknown; total?: unknown };
  if (total !== undefined && typeof total !== 'number') return undefined;
  if (items === undefined) return typeof total === 'number' ? { items: [], total } : undefined;
  return Array.isArray(items) && items.every(isAmountItem) ? { items, total: total as number | undefined } : undefined;
}
const listOf = <T,>(value: unknown, ok: (item: unknown) => boolean): T[] => (Array.isArray(value) ? (value.filter(ok) as T[]) : []);
const isTax = (t: unknown) => typeof t === 'object' && t !== null && typeof (t as Tax).amount === 'number';

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
          <td>{listOf<AmountItem>(line.discounts, isAmountItem).map((d, i) => <div key={i}>{[d.type, d.description].filter(Boolean).join(' · ') || 'Discount'}: {money(d.amount, currency)}</div>)}</td>
          <td>{listOf<Tax>(line.taxes, isTax).map((t, i) => <div key={i}>{taxText(t, currency)}</div>)}</td>
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
  const listTotal = (value: unknown) => {
    const list = amountList(value);
    return list ? (list.total ?? sum(list.items.map((i) => i.amount))) : undefined;
  };
  const fees = listTotal(order.fees);
  const discounts = listTotal(order.discounts);
  const payments = listTotal(order.payments);
  const taxes = Array.isArray(order.taxes) ? sum(listOf<Tax>(order.taxes, isTax).map((t) => t.amount)) : undefined;
  const total = order.totalPrice ?? sum([order.lineItems?.subTotal, fees, discounts === undefined ? undefined : -discounts]);
  return { purchases, returns, subTotal: order.lineItems?.subTotal, fees, discounts, payments, taxes, total };
}

export function AmountLists({ order }: { order: Order }) {
  const c = order.currencyCode;
  const lists: [string, { items: AmountItem[] } | undefined][] = [
    ['Payments', amountList(order.payments)],
    ['Discounts', amountList(order.discounts)],
    ['Fees', amountList(order.fees)],
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
        {listOf<Tax>(order.taxes, isTax).length > 0 ? (
          <ul className="plain">
            {listOf<Tax>(order.taxes, isTax).map((t, i) => (
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
