// Numbers, amounts and dates in the browser's locale (Intl), amounts with their currency.
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function money(amount: number | null | undefined | string, currency: string | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return String(amount);
  const code = currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
  if (!code) return number(value);
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    moneyFormats.set(code, format);
  }
  return format.format(value);
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
export function number(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

/**
 * Exact decimal sum of JSON amounts (the API sums exactly; 0.1 + 0.2 must show 0.3).
 * Each number's shortest decimal form is scaled to integers in BigInt.
 */
export function sum(values: (number | undefined | null)[]): number {
  const parts = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).map(decimalParts);
  if (parts.length === 0) return 0;
  const scale = Math.max(...parts.map((p) => p.scale));
  let total = 0n;
  for (const p of parts) total += p.units * 10n ** BigInt(scale - p.scale);
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return Number(`${negative ? '-' : ''}${text}`);
}

function decimalParts(value: number): { units: bigint; scale: number } {
  // Shortest round-trip text; exponent forms (1e-7, 1e21) are rewritten in fixed notation.
  const abs = Math.abs(value);
  if (abs >= 1e21) return { units: BigInt(value), scale: 0 }; // a whole number at this size
  let text = abs.toString();
  if (/e/i.test(text)) text = abs.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  const [whole = '0', fraction = ''] = text.split('.');
  const units = BigInt(whole + fraction) * (value < 0 ? -1n : 1n);
  return { units, scale: fraction.length };
}

export function contactName(contact: { firstName?: string | null; lastName?: string | null; email?: string | null } | undefined): string {
  if (!contact) return '';
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || contact.email || '';
}
