import { randomUUID } from 'node:crypto';
import type { TestService } from './service.js';

/** Registers a contact straight in the register (the contacts API has tests of its own). */
export async function insertContact(api: TestService, email: string): Promise<string> {
  const row = await api.service.ctx.db
    .insertInto('contacts')
    .values({ id: randomUUID(), email, contact_type: 'Member' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
