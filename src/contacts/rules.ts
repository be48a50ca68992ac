// Pure validity rules for contact keys. The lookup's `any`
// parameter uses them to decide which kind of key a value is.

/** The built-in contact types; any other name is a custom type, kept as sent. */
export const contactTypes = ['Member', 'Contact'] as const;

// Deliberately simple: one @, no spaces, a dot in the domain. The mail server decides the rest.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164: +, a country code not starting with 0, at most 15 digits in all. */
const e164Pattern = /^\+[1-9]\d{6,14}$/;

export function isEmail(value: string): boolean {
  return value.length <= 255 && emailPattern.test(value);
}

export function isE164(value: string): boolean {
  return e164Pattern.test(value);
}

/**
 * Swedish personnummer or samordningsnummer: YYMMDD[-+]NNNN or YYYYMMDD[-]NNNN
 * (10 or 12 digits, optional separator before the last four). The month must be
 * 01–12, the day 01–31 (61–91 for a samordningsnummer), and the last digit is the
 * Luhn check digit over the 10-digit form.
 */
export function isSocialSecurityNumber(value: string): boolean {
  return isSwedishPersonalNumber(value) || isFinnishPersonalIdentityCode(value);
}

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

/** Member and Contact in their canonical case; a custom type as sent; undefined for an empty one. */
export function canonicalContactType(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  return contactTypes.find((type) => type.toLowerCase() === value.toLowerCase()) ?? value;
}
