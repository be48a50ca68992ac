// Listing and revoking API keys, shared by the admin API (src/keys/routes.ts) and
// the `keys` command line. Secrets are never read back: only hashes are stored.
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import type { Scope } from './keys.js';

export interface KeyInfo {
  id: string;
  name: string;
  scope: Scope;
  createdAt: string;
}

export async function listKeys(db: Db): Promise<KeyInfo[]> {
  const rows = await db.selectFrom('api_keys').select(['id', 'name', 'scope', 'created_at']).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, scope: row.scope, createdAt: new Date(row.created_at).toISOString() }));
}

export async function findKeyInfo(db: Db, id: string): Promise<KeyInfo | undefined> {
  const row = await db.selectFrom('api_keys').select(['id', 'name', 'scope', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, scope: row.scope, createdAt: new Date(row.created_at).toISOString() };
}

/** Deletes the key with this id; false when there is none. */
export async function revokeKeyById(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type RevokeResult = { revoked: KeyInfo } | { error: 'none' } | { error: 'ambiguous'; matches: KeyInfo[] };

/** `keys revoke <id|name>`: an id, or a name that only one key has. */
export async function revokeKeyByIdOrName(db: Db, idOrName: string): Promise<RevokeResult> {
  const keys = await listKeys(db);
  const byId = keys.find((key) => key.id.toLowerCase() === idOrName.toLowerCase());
  const matches = byId ? [byId] : keys.filter((key) => key.name === idOrName);
  if (matches.length === 0) return { error: 'none' };
  if (matches.length > 1) return { error: 'ambiguous', matches };
  await revokeKeyById(db, matches[0]!.id);
  return { revoked: matches[0]! };
}
