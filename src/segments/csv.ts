// Pure CSV writing (RFC 4180): a cell is quoted when it holds a quote, comma or
// line break, quotes are doubled, lines end with CRLF. A cell that a spreadsheet
// would run as a formula (it starts with = + - @, a tab or a carriage return) gets
// a leading apostrophe: a contact's name is data an attacker controls, and
// "=HYPERLINK(...)" must reach the marketer's spreadsheet as text.

/**
 * Starts a file: Excel opens a CSV file without this mark in the system's legacy code page,
 * so "Åsa Öberg" would read "Ã…sa Ã–berg"; with it, Excel reads UTF-8.
 */
export const CSV_UTF8_BOM = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/** One cell: null and undefined are empty. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF included. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
