// `npm run gen:api`: writes web/src/api/generated.ts from the OpenAPI document of the
// service built in-process (an in-memory database; nothing listens on a port).
// `--check` writes nothing and exits 1 when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'web', 'src', 'api', 'generated.ts');
const { loadDocument, renderTypes } = await import('./api-types.ts');
const text = renderTypes(await loadDocument());
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // no file yet: everything is new
}
if (process.argv.includes('--check')) {
  console.log(current === text ? 'web/src/api/generated.ts: up to date' : 'web/src/api/generated.ts: stale; run npm run gen:api');
  process.exit(current === text ? 0 : 1);
}
if (current !== text) writeFileSync(target, text);
console.log(`web/src/api/generated.ts: ${current === text ? 'unchanged' : 'written'}`);
process.exit(0); // the embedded database may keep timers alive
