// Writes docs/errors.md from the error catalogue: `npx tsx scripts/errors-doc.ts`.
// test/domain/errors.test.ts fails when the document is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogueEntries } from '../src/domain/errors.js';

export function renderErrorsDoc(): string {
  const rows = Object.entries(catalogueEntries).map(([code, entry]) => `| \`${code}\` | ${entry.status} | ${entry.logSeverity ?? ''} | ${entry.title} |`);
  return [
    '# Error codes',
    '',
    'Every error body is RFC 9457 problem JSON (`application/problem+json`):',
    '`{ type, title, status, detail, errorCode, errors: [{ path, message }] }` (at most 100 errors; `truncated: true` when there were more), and `type` is',
    '`urn:engage-orders:problem:<errorCode>`. Integration-log entries use the same codes.',
    'Codes with a log severity appear in the integration log; a failed job answers 422 with its code.',
    '',
    'This file is generated from `src/domain/errors.ts` by `npx tsx scripts/errors-doc.ts`.',
    '',
    '| errorCode | HTTP status | Log severity | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
}
