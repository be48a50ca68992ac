// The segment builder's number fields: what people type, read as they mean it. Pure.

/** What a number field holds: nothing, a number, or text that is not one (with what to write instead). */
export type NumberReading = { value?: number; problem?: string };

/**
 * A number as people type it: "1 000", "1000,50", "1,000.50" and "1.000,50" read as written
 * (a space groups digits by three; with two kinds of separator the last is the decimal one).
 * A single comma or point before exactly three digits ("1,000") is a thousand in English and
 * one in Swedish, so it is not guessed: the field says so, and the filter waits for a fix.
 */
export function readNumber(text: string): NumberReading {
  const written = text.trim();
  if (written === '') return {};
  const notANumber = { problem: `"${written}" is not a number` };
  const compact = written.replace(/(?<=\d)[\s\u00a0\u202f](?=\d{3}(?!\d))/g, '');
  const marks = compact.match(/[.,]/g) ?? [];
  const last = marks.at(-1);
  let plain = compact;
  if (marks.length === 1) {
    if (/^[-+]?[1-9]\d{0,2}[.,]\d{3}$/.test(compact)) {
      const [thousands, ones] = [compact.replace(/[.,]/, ''), compact.replace(/[.,]/, '.')].map(Number);
      return { problem: `"${written}" could be read two ways: write ${thousands} or ${ones}` };
    }
    plain = compact.replace(last!, '.');
  } else if (marks.length > 1) {
    const group = marks[0]!;
    if (marks.slice(0, -1).some((mark) => mark !== group)) return notANumber;
    const groupsOfThree = last === group ? /^[-+]?\d{1,3}([.,]\d{3})+$/ : /^[-+]?\d{1,3}([.,]\d{3})*[.,]\d+$/;
    if (!groupsOfThree.test(compact)) return notANumber;
    plain = compact.replaceAll(group, '');
    if (last !== group) plain = plain.replace(last!, '.');
  }
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(plain) ? { value: Number(plain) } : notANumber;
}

/** The number fields of a draft that hold no number, by field id: what to fix before the filter is sent. */
export function numberProblems(draft: { conditions: { key: number; withinDays: string; min: string; max: string }[] }): Map<string, string> {
  const problems = new Map<string, string>();
  for (const c of draft.conditions) {
    for (const field of ['withinDays', 'min', 'max'] as const) {
      const { problem } = readNumber(c[field]);
      if (problem) problems.set(`${c.key}-${field}`, problem);
    }
  }
  return problems;
}
