// Date-times the service accepts: RFC 3339 with an offset, and only values that
// PostgreSQL's timestamptz and JavaScript's Date both take unchanged. A value one
// of them refuses would pass validation and fail later (a poison job or a 500).

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** The earliest and latest instants accepted: year 1 to year 9999, in UTC too. */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export const DATE_TIME_RULE = 'must be an RFC 3339 date-time with an offset (2025-12-03T15:15:19+01:00), years 0001–9999, offsets within ±15:59, seconds 00–59';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * True when `value` is a date-time both PostgreSQL and Date accept as written:
 * a real calendar day (no Feb 30), no leap second (`:60`: PostgreSQL would move
 * it to the next minute, Date refuses it), an offset PostgreSQL allows (±15:59),
 * and an instant in years 1–9999 (PostgreSQL has no year 0).
 */
export function isAcceptedDateTime(value: string, options: { secondsOptional?: boolean } = {}): boolean {
  const match = RFC3339.exec(value);
  if (!match || (match[6] === undefined && !options.secondsOptional)) return false;
  const [, y, mo, d, h, mi, s, , zone, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return false;
  if (zone !== 'Z' && zone !== 'z' && (Number(oh) > 15 || Number(om) > 59)) return false;
  const instant = Date.parse(value.replace(/^(.{10})[t ]/, '$1T').replace(/z$/, 'Z'));
  return Number.isFinite(instant) && instant >= EARLIEST && instant <= LATEST;
}
