// Personal identity numbers (Swedish personnummer and samordningsnummer,
// Finnish henkilötunnus): whether a value is one, and the one form a number is
// matched by whatever spelling a client sent. Pure; the contacts register and
// the migration that gave stored contacts their match key share it.

/**
 * Swedish personnummer or samordningsnummer: YYMMDD[-+]NNNN or YYYYMMDD[-]NNNN
 * (10 or 12 digits, optional separator before the last four). The month must be
 * 01–12, the day 01–31 (61–91 for a samordningsnummer), and the last digit is the
 * Luhn check digit over the 10-digit form.
 */
export function isSwedishPersonalNumber(value: string): boolean {
  const match = /^(\d{2})?(\d{6})[-+]?(\d{4})$/.exec(value);
  if (!match) return false;
  const ten = match[2]! + match[3]!;
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6));
  if (month < 1 || month > 12) return false;
  if (!((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) return false;
  return luhn(ten);
}

/**
 * The form a social security number is matched by, so that every spelling of
 * one number finds the same contact: a Swedish number as its twelve digits
 * (YYYYMMDDNNNN), any other Finnish code in upper case, anything else as sent. A
 * ten-digit Swedish number gets the century that makes its holder under 100
 * today, or 100 and over after a `+`, the separator Sweden uses from the
 * hundredth birthday on. The value itself is always stored as sent.
 */
export function ssnMatchKey(value: string, today = new Date()): string {
  // Swedish first: `210402+8036` is both a Swedish number and a Finnish code. Read as Swedish, it
  // matches the same person's `19210402-8036`; read as Finnish, it would match only itself.
  if (!isSwedishPersonalNumber(value)) return isFinnishPersonalIdentityCode(value) ? value.toUpperCase() : value;
  const match = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(value)!;
  const [, century, birth, separator, serial] = match as unknown as [string, string | undefined, string, string, string];
  if (century) return century + birth + serial;
  return String(birthYear(birth, separator === '+', today)) + birth.slice(2) + serial;
}

/** The latest year ending in YY whose date MMDD is not in the future (a samordningsnummer's day is 60 more), 100 earlier for a centenarian. */
function birthYear(yymmdd: string, centenarian: boolean, today: Date): number {
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6)) % 60;
  const thisYear = today.getUTCFullYear();
  let year = thisYear - ((((thisYear - yy) % 100) + 100) % 100);
  if (Date.UTC(year, month - 1, day) > today.getTime()) year -= 100;
  return centenarian ? year - 100 : year;
}

/**
 * The spellings a Swedish number's match key may have been written in by a
 * client: with or without the century, with or without a separator. Rows
 * stored before keys were matched by their normal form hold the key as sent.
 */
export function ssnSpellings(key: string): string[] {
  if (!/^\d{12}$/.test(key)) return [key, key.toLowerCase()].filter((v, i, all) => all.indexOf(v) === i);
  const [date, serial, short] = [key.slice(0, 8), key.slice(8), key.slice(2, 8)];
  return [key, `${date}-${serial}`, `${date}+${serial}`, `${short}${serial}`, `${short}-${serial}`, `${short}+${serial}`];
}

const finnishCheckCharacters = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Century signs: + 1800s; - and Y X W V U 1900s; A and B C D E F 2000s (the 2023 additions included). */
const finnishCentury: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/**
 * Finnish personal identity code (henkilötunnus): DDMMYY, a century sign, a
 * three-digit individual number and a check character, the remainder of the
 * nine digits DDMMYYNNN divided by 31 (0-9, then A-Y without G I O Q Z).
 */
export function isFinnishPersonalIdentityCode(value: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/i.exec(value);
  if (!match) return false;
  const [, dd, mm, yy, sign, individual, check] = match as unknown as [string, string, string, string, string, string, string];
  const year = finnishCentury[sign.toUpperCase()]! + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return false;
  if (Number(individual) < 2) return false; // 000 and 001 are not used
  return finnishCheckCharacters[Number(`${dd}${mm}${yy}${individual}`) % 31] === check.toUpperCase();
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[i]);
    // From the left on a 10-digit number: positions 0, 2, 4 … are doubled.
    if (i % 2 === (digits.length % 2 === 0 ? 0 : 1)) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
