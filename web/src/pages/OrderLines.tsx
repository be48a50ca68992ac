// An order's lines (purchases and returns apart) and its amount lists. On a phone the
// line table turns into cards (each cell names its column), so no price is off-screen.
import type { LineItem, Order, Tax } from '../api/types.ts';
import { Table } from '../components/ui.tsx';
import { money, number, sum } from '../format.ts';
import { Amount } from './OrderText.tsx';

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
    <Table caption={kind === 'Purchase' ? 'Purchase lines' : 'Return lines'} head={head} stack>
      {lines.map((line, index) => (
        <tr key={line.id ?? index}>
          <td data-label="Article">
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
          <td data-label="Quantity" className="num">
            {number(line.quantity)}
          </td>
          <td data-label="Price per unit" className="num">
            <div>
              <Amount value={line.pricePerUnit} currency={currency} />
              {line.originalPricePerUnit !== undefined && line.originalPricePerUnit !== line.pricePerUnit ? (
                <div className="muted small">
                  was{' '}
                  <s>
                    <Amount value={line.originalPricePerUnit} currency={currency} />
                  </s>
                </div>
              ) : null}
            </div>
          </td>
          <td data-label="Total" className="num">
            <div>
              <Amount value={line.totalPrice} currency={currency} />
              {line.originalTotalPrice !== undefined && line.originalTotalPrice !== line.totalPrice ? (
                <div className="muted small">
                  was{' '}
                  <s>
                    <Amount value={line.originalTotalPrice} currency={currency} />
                  </s>
                </div>
              ) : null}
            </div>
          </td>
          <td data-label="Discounts">
            <div>
              {listOf<AmountItem>(line.discounts, isAmountItem).map((d, i) => (
                <div key={i}>
                  {[d.type, d.description].filter(Boolean).join(' · ') || 'Discount'}: <Amount value={d.amount} currency={currency} />
                </div>
              ))}
            </div>
          </td>
          <td data-label="Taxes">
            <div>
              {listOf<Tax>(line.taxes, isTax).map((t, i) => (
                <div key={i}>{taxText(t, currency)}</div>
              ))}
            </div>
          </td>
          <td data-label="Status">{line.externalStatus ?? '—'}</td>
          {kind === 'Return' ? (
            <td data-label="Return reason">{line.returnDetails ? [line.returnDetails.type, line.returnDetails.reason].filter(Boolean).join(': ') : '—'}</td>
          ) : null}
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

/** Payments, discounts, fees and taxes, each only when the order has some. */
export function AmountLists({ order }: { order: Order }) {
  const c = order.currencyCode;
  const taxes = listOf<Tax>(order.taxes, isTax);
  const lists = (
    [
      ['Payments', amountList(order.payments)?.items ?? []],
      ['Discounts', amountList(order.discounts)?.items ?? []],
      ['Fees', amountList(order.fees)?.items ?? []],
    ] as [string, AmountItem[]][]
  ).filter(([, items]) => items.length > 0);
  if (lists.length === 0 && taxes.length === 0) return null;
  return (
    <div className="grid amount-lists">
      {lists.map(([title, items]) => (
        <section key={title} className="card" aria-label={title}>
          <h3>{title}</h3>
          <ul className="plain">
            {items.map((item, i) => (
              <li key={i}>
                {[item.type, item.description, item.reference].filter(Boolean).join(' · ')}:{' '}
                <strong>
                  <Amount value={item.amount} currency={c} />
                </strong>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {taxes.length > 0 ? (
        <section className="card" aria-label="Taxes">
          <h3>Taxes</h3>
          <ul className="plain">
            {taxes.map((t, i) => (
              <li key={i}>{taxText(t, c)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
