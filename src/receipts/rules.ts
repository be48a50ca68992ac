// Rules of a receipt body that a JSON schema cannot say. Pure and
// defensive: they run beside the structural checks on whatever the client sent,
// so one 400 lists every error.
//
// Sign convention, as Engage documents it: a RETURN line carries a negative
// quantity and a positive grossPaidPrice (the price of what went back); the
// receipt's totalGrossPrice is negative for a return, and payment values may be
// negative (refunds). A line therefore counts as sign(quantity) × |grossPaidPrice|
// (a line with a non-negative quantity counts as sent, so an ADJUSTMENT may carry
// any amount). A RETURN line sent with a negative grossPaidPrice counts the same.
import Big from 'big.js';
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

/** What a line adds to the receipt's total: sign(quantity) × |grossPaidPrice| (as sent when quantity ≥ 0). */
export function signedLineAmount(item: { quantity?: unknown; grossPaidPrice?: unknown }): Big | undefined {
  if (!isNumber(item.grossPaidPrice) || !isNumber(item.quantity)) return undefined;
  const price = decimal(item.grossPaidPrice);
  return item.quantity < 0 ? price.abs().neg() : price;
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
    if (isNumber(item.grossPaidPrice) && item.type === 'PURCHASE' && item.grossPaidPrice < 0) {
      errors.push({ path: `${at}.grossPaidPrice`, message: 'must be zero or positive on a PURCHASE line' });
    }
  });

  const signed = items.map((item) => (isObj(item) ? signedLineAmount(item) : undefined));
  const lines = signed.every((value) => value !== undefined) ? signed.reduce((sum, value) => sum.plus(value!), new Big(0)) : undefined;
  if (lines && isNumber(data.totalGrossPrice) && !decimal(data.totalGrossPrice).eq(lines)) {
    errors.push({ path: 'totalGrossPrice', message: `must equal the sum of sign(quantity) × |grossPaidPrice| over items (${lines.toString()})` });
  }
  const payments = total(data.paymentMethods, 'value');
  if (payments && isNumber(data.totalGrossPrice) && !decimal(data.totalGrossPrice).eq(payments)) {
    errors.push({ path: 'paymentMethods', message: `must sum to totalGrossPrice (their values sum to ${payments.toString()})` });
  }
  return errors;
}
