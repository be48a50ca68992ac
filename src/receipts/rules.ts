// Rules of a receipt body that a JSON schema cannot say (contract §9). Pure and
// defensive: they run beside the structural checks on whatever the client sent,
// so one 400 lists every error.
//
// Sign convention: amounts are signed as money flows. A RETURN line carries a
// negative quantity AND a negative (or zero) grossPaidPrice; a PURCHASE line
// carries non-negative ones; an ADJUSTMENT line may carry any amount (but never
// a negative quantity). So totalGrossPrice is the plain sum of the lines'
// grossPaidPrice, and a return receipt's total comes out negative.
import type Big from 'big.js';
import type { FieldError } from '../domain/errors.js';
import { decimal, isNumber, sum } from '../domain/money.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** Σ field over a list, or undefined when the list or any value is not a number. */
function total(list: unknown, field: string): Big | undefined {
  if (!Array.isArray(list)) return undefined;
  const values = list.map((item) => (isObj(item) ? item[field] : undefined));
  return values.every(isNumber) ? sum(values as number[]) : undefined;
}

export function receiptRules(data: unknown): FieldError[] {
  if (!isObj(data)) return [];
  const errors: FieldError[] = [];

  if (typeof data.currency === 'string' && /^[A-Z]{3}$/.test(data.currency) && !currencies.has(data.currency)) {
    errors.push({ path: 'currency', message: 'is not a known ISO 4217 currency code' });
  }

  const items = Array.isArray(data.items) ? data.items : [];
  items.forEach((item, index) => {
    if (!isObj(item)) return;
    const at = `items[${index}]`;
    const isReturn = item.type === 'RETURN';
    if (isNumber(item.quantity)) {
      if (isReturn && item.quantity >= 0) errors.push({ path: `${at}.quantity`, message: 'must be negative on a RETURN line' });
      if (!isReturn && item.type !== undefined && item.quantity < 0) errors.push({ path: `${at}.quantity`, message: 'may be negative only on a RETURN line' });
    }
    if (isNumber(item.grossPaidPrice)) {
      if (isReturn && item.grossPaidPrice > 0) errors.push({ path: `${at}.grossPaidPrice`, message: 'must be zero or negative on a RETURN line' });
      if (item.type === 'PURCHASE' && item.grossPaidPrice < 0) errors.push({ path: `${at}.grossPaidPrice`, message: 'must be zero or positive on a PURCHASE line' });
    }
  });

  const lines = total(items, 'grossPaidPrice');
  if (lines && isNumber(data.totalGrossPrice) && !decimal(data.totalGrossPrice).eq(lines)) {
    errors.push({ path: 'totalGrossPrice', message: `must equal the sum of items[].grossPaidPrice (${lines.toString()})` });
  }
  const payments = total(data.paymentMethods, 'value');
  if (payments && isNumber(data.totalGrossPrice) && !decimal(data.totalGrossPrice).eq(payments)) {
    errors.push({ path: 'paymentMethods', message: `must sum to totalGrossPrice (their values sum to ${payments.toString()})` });
  }
  return errors;
}
