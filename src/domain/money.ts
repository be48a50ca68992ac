// Exact decimal arithmetic for amounts. JSON numbers arrive as binary floats;
// their shortest decimal form (String(n)) is the number the client wrote.
import Big from 'big.js';

export function decimal(value: number): Big {
  return new Big(String(value));
}

export function sum(values: number[]): Big {
  return values.reduce((total, value) => total.plus(decimal(value)), new Big(0));
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
