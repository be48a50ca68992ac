// API keys: random secrets shown once, stored only as SHA-256 hashes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/schema.js';

export type Scope = 'read' | 'write' | 'admin';

const scopeRank: Record<Scope, number> = { read: 0, write: 1, admin: 2 };

export function scopeAllows(held: Scope, needed: Scope): boolean {
  return scopeRank[held] >= scopeRank[needed];
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateKeySecret(): string {
  return `eo_${randomBytes(24).toString('base64url')}`;
}

export interface ApiKey {
  id: string;
  name: string;
  scope: Scope;
}

/** The shortest secret ADMIN_API_KEY may have: shorter ones are guessable. */
export const MIN_KEY_LENGTH = 24;

/** The name of the key ADMIN_API_KEY keeps; reserved, so replacing it never revokes a key someone else made. */
export const ADMIN_KEY_NAME = 'ADMIN_API_KEY';

export async function createKey(db: Db, name: string, scope: Scope, secret = generateKeySecret()): Promise<{ key: ApiKey; secret: string }> {
  const id = randomUUID();
  await db
    .insertInto('api_keys')
    .values({ id, name, scope, key_hash: hashKey(secret) })
    .execute();
  return { key: { id, name, scope }, secret };
}

/**
 * ADMIN_API_KEY guarantees an admin key with that value. Without it, a service
 * that has no key at all creates one admin key and returns its secret to print once.
 */
export async function ensureAdminKey(db: Db, configured: string | undefined): Promise<string | undefined> {
  if (configured) {
    if (configured.length < MIN_KEY_LENGTH) throw new Error(`ADMIN_API_KEY must be at least ${MIN_KEY_LENGTH} characters long`);
    const hash = hashKey(configured);
    await db.transaction().execute(async (tx) => {
      // A changed ADMIN_API_KEY replaces the key the old value created: the old secret stops working.
      await tx.deleteFrom('api_keys').where('name', '=', ADMIN_KEY_NAME).where('key_hash', '<>', hash).execute();
      await tx
        .insertInto('api_keys')
        .values({ id: randomUUID(), name: ADMIN_KEY_NAME, scope: 'admin', key_hash: hash })
        .onConflict((oc) => oc.column('key_hash').doUpdateSet({ scope: 'admin', name: ADMIN_KEY_NAME }))
        .execute();
    });
    return undefined;
  }
  const existing = await db.selectFrom('api_keys').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  return (await createKey(db, 'first admin key', 'admin')).secret;
}

/**
 * Looks keys up by hash, remembering answers briefly: auth is on every request's
 * path. Known keys and unknown ones are remembered apart, so a client sending
 * random keys can only push out other unknown ones, never a real key's entry.
 * Each kind holds up to `capacity` answers.
 */
export class KeyStore {
  private known = new Map<string, { key: ApiKey; until: number }>();
  private unknown = new Map<string, { key: null; until: number }>();

  constructor(
    private db: Db,
    private ttlMs = 5000,
    private capacity = 10_000,
  ) {}

  /** Forgets every remembered answer: after a revoke, this process stops accepting the key at once. */
  forget(): void {
    this.known.clear();
    this.unknown.clear();
  }

  async find(secret: string): Promise<ApiKey | null> {
    const hash = hashKey(secret);
    const cached = this.known.get(hash) ?? this.unknown.get(hash);
    if (cached && cached.until > Date.now()) return cached.key;
    const row = await this.db.selectFrom('api_keys').select(['id', 'name', 'scope']).where('key_hash', '=', hash).executeTakeFirst();
    const until = Date.now() + this.ttlMs;
    const key = row ? { id: row.id, name: row.name, scope: row.scope } : null;
    if (key) remember(this.known, hash, { key, until }, this.capacity);
    else remember(this.unknown, hash, { key, until }, this.capacity);
    return key;
  }
}

/** Sets an entry, first dropping the longest-held one when the map is full. */
function remember<T>(map: Map<string, T>, hash: string, entry: T, capacity: number): void {
  map.delete(hash);
  if (map.size >= capacity) map.delete(map.keys().next().value!);
  map.set(hash, entry);
}
