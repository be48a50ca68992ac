// Request shapes real integrations send that the order schemas would otherwise
// misread. Both run as preValidation hooks, so the schema checks what is kept.
import type { FastifyRequest } from 'fastify';
import { readOnlyOrderFields } from './schemas.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A client that PUTs back what GET returned sends the read-only fields: ignored, so nothing changes. */
export async function dropReadOnlyFields(request: FastifyRequest): Promise<void> {
  if (!isObj(request.body)) return;
  for (const field of readOnlyOrderFields) delete request.body[field];
}

/** change-delivery as `{ "delivery": { … } }`: the wrapper is dropped, its fields are the change. */
export async function unwrapDelivery(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (!isObj(body) || !isObj(body.delivery)) return;
  const { delivery, ...rest } = body;
  request.body = { ...delivery, ...rest };
}
