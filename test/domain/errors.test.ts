import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { catalogueEntries } from '../../src/domain/errors.js';
import { renderErrorsDoc } from '../../scripts/errors-doc.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('every code is PascalCase, unique in any letter case, with a 4xx/5xx status and a title', () => {
  const codes = Object.keys(catalogueEntries);
  assert.equal(new Set(codes.map((c) => c.toLowerCase())).size, codes.length);
  for (const [code, entry] of Object.entries(catalogueEntries)) {
    assert.match(code, /^[A-Z][A-Za-z]+$/, code);
    assert.ok(entry.status >= 400 && entry.status < 600, code);
    assert.ok(entry.title.length > 5, code);
  }
});

test('every code is documented: docs/errors.md is generated from the catalogue and up to date', () => {
  assert.equal(readFileSync('docs/errors.md', 'utf8'), renderErrorsDoc(), 'run: npx tsx scripts/errors-doc.ts');
});

test('every code used in the source is in the catalogue, and every catalogue code is used', () => {
  const text = sources('src')
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const used = new Set([...text.matchAll(/(?:ApiError\(|errorCode: |problem\()'([A-Z][A-Za-z]+)'/g)].map((m) => m[1]!));
  for (const code of used) assert.ok(code in catalogueEntries, `${code} is used but not in the catalogue`);
  for (const code of Object.keys(catalogueEntries)) assert.ok(text.includes(`'${code}'`), `${code} is never used`);
});
