// Rules of an order body that a JSON schema cannot say: exact sums, known codes,
// fields that depend on each other. Pure and defensive: they run beside the
// structural checks on whatever the client sent, so every error is listed at once.
import type Big from 'big.js';
import type { FieldError } from './errors.js';
import { decimal, isNumber, sum } from './money.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const currencies = new Set(Intl.supportedValuesOf('currency'));
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

const countryKnown = new Map<string, boolean>();

/** Remembered per code: Intl.DisplayNames is slow, and addresses repeat the same few countries. */
export function isKnownCountry(code: string): boolean {
  const upper = code.toUpperCase();
  let known = countryKnown.get(upper);
  if (known === undefined) {
    try {
      known = /^[A-Z]{2}$/.test(upper) && regions.of(upper) !== undefined;
    } catch {
      known = false;
    }
    if (countryKnown.size < 1000) countryKnown.set(upper, known);
  }
  return known;
}

/** Σ amounts of a list, or undefined when any of them is not a number. */
function total(items: unknown, field: string): Big | undefined {
  if (!Array.isArray(items)) return undefined;
  const values = items.map((item) => (isObj(item) ? item[field] : undefined));
  return values.every(isNumber) ? sum(values as number[]) : undefined;
}

/**
 * The shape `{ items: [{ amount }], total? }` the service understands. Engage does
 * not publish these shapes, so anything else is kept and simply not summed.
 */
export function isRecognizedAmountList(list: unknown): list is Obj {
  if (!isObj(list)) return false;
  if (list.total !== undefined && !isNumber(list.total)) return false;
  if (list.items === undefined) return isNumber(list.total);
  return Array.isArray(list.items) && list.items.every((item) => isObj(item) && isNumber(item.amount));
}

function checkListTotal(errors: FieldError[], body: Obj, name: string): Big | undefined {
  const list = body[name];
  if (!isRecognizedAmountList(list)) return undefined;
  const computed = total(list.items, 'amount');
  if (computed && isNumber(list.total) && !decimal(list.total).eq(computed)) {
    errors.push({ path: `${name}.total`, message: `must equal the sum of ${name}.items[].amount (${computed.toString()})` });
  }
  return isNumber(list.total) ? decimal(list.total) : computed;
}

export function orderRules(data: unknown): FieldError[] {
  if (!isObj(data)) return [];
  const errors: FieldError[] = [];

  // /api/v3/orders/jobs is the job list (and /jobs/{id} a job), so an order with this id could never be read back.
  if (data.orderId === 'jobs') errors.push({ path: 'orderId', message: '"jobs" is reserved: /api/v3/orders/jobs is the list of write jobs' });

  if (typeof data.currencyCode === 'string' && /^[A-Z]{3}$/.test(data.currencyCode) && !currencies.has(data.currencyCode)) {
    errors.push({ path: 'currencyCode', message: `is not a known ISO 4217 currency code` });
  }

  const lineItems = isObj(data.lineItems) ? data.lineItems : undefined;
  const items = Array.isArray(lineItems?.items) ? lineItems.items : [];
  const subTotal = total(items, 'totalPrice');
  if (subTotal && isNumber(lineItems?.subTotal) && !decimal(lineItems.subTotal).eq(subTotal)) {
    errors.push({ path: 'lineItems.subTotal', message: `must equal the sum of lineItems.items[].totalPrice (${subTotal.toString()})` });
  }

  const seenIds = new Map<string, number>();
  items.forEach((item, index) => {
    if (!isObj(item)) return;
    if (typeof item.id === 'string') {
      const first = seenIds.get(item.id);
      if (first !== undefined) errors.push({ path: `lineItems.items[${index}].id`, message: `repeats the id of lineItems.items[${first}]` });
      else seenIds.set(item.id, index);
    }
    const isReturn = typeof item.type === 'string' && item.type === 'Return';
    // 0 is a cancelled line; a Return line may carry its quantity negated (read as its absolute value).
    if (isNumber(item.quantity) && item.quantity < 0 && !isReturn) {
      errors.push({ path: `lineItems.items[${index}].quantity`, message: 'may be negative only on a line of type Return' });
    }
    if (item.returnDetails !== undefined && !isReturn) {
      errors.push({ path: `lineItems.items[${index}].returnDetails`, message: 'is only allowed on lines of type Return' });
    }
  });

  checkListTotal(errors, data, 'payments');
  const fees = checkListTotal(errors, data, 'fees');
  const discounts = checkListTotal(errors, data, 'discounts');
  // Only when every part is a shape we understand: an unrecognized fees or discounts value never rejects the order.
  const unrecognized = ['fees', 'discounts'].some((name) => data[name] !== undefined && !isRecognizedAmountList(data[name]));
  if (isNumber(data.totalPrice) && isNumber(lineItems?.subTotal) && !unrecognized) {
    const expected = decimal(lineItems.subTotal)
      .plus(fees ?? 0)
      .minus(discounts ?? 0);
    if (!decimal(data.totalPrice).eq(expected)) {
      errors.push({ path: 'totalPrice', message: `must equal lineItems.subTotal + fees total - discounts total (${expected.toString()})` });
    }
  }

  for (const name of ['billingAddress', 'shippingAddress']) {
    const address = data[name];
    if (isObj(address) && typeof address.countryCode === 'string' && /^[A-Za-z]{2}$/.test(address.countryCode) && !isKnownCountry(address.countryCode)) {
      errors.push({ path: `${name}.countryCode`, message: 'is not a known ISO 3166-1 alpha-2 country code' });
    }
  }
  return errors;
}

export function statusChangeRules(data: unknown): FieldError[] {
  if (!isObj(data)) return [];
  if (data.status === undefined && data.externalStatus === undefined && data.lineItems === undefined) {
    return [{ path: '', message: 'must change at least one of status, externalStatus or lineItems' }];
  }
  return [];
}
