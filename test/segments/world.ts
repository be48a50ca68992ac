// A seeded random world for segment tests: contacts, articles, orders and filters,
// plus an oracle that answers a filter over that world in plain code — no SQL, and
// none of the service's own segment code (amounts are integer cents here).
import type { Filter, OrderCondition } from '../../src/segments/filter.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorldContact {
  id: string;
  email: string;
  contactType: 'Member' | 'Contact';
}
export interface WorldArticle {
  sku: string;
  brand: string | null;
  main_category: string;
  product_category: string | null;
  color: string | null;
  size: string | null;
  season: string | null;
  gender: string | null;
}
export interface WorldLine {
  type: 'Purchase' | 'Return';
  sku: string;
  /** Signed as sent: a Return line's amount is sometimes negated, as some integrations do. */
  cents: number;
  /** 0 for a cancelled line. */
  quantity: number;
}
export interface WorldOrder {
  orderId: string;
  email: string;
  status: string;
  channel: string | null;
  store: string;
  createdAt: string;
  lines: WorldLine[];
  feeCents: number;
  discountCents: number;
  sendTotal: boolean;
}

export const pools = {
  brand: ['Acme', 'Borg', 'Cyan', 'Dune'],
  main_category: ['Shoes', 'Tops', 'Pants'],
  product_category: ['Sneakers', 'Boots', 'Shirts', 'Jeans'],
  color: ['Red', 'Blue', 'Black'],
  size: ['S', 'M', 'L', '42'],
  season: ['SS25', 'AW25'],
  gender: ['Female', 'Male', 'Unisex'],
  status: ['Received', 'InProgress', 'Completed', 'Cancelled'],
  /** Statuses of the client's own, kept as sent (and ongoing, by default). */
  customStatus: ['Shipped', 'AwaitingPickup'],
  channel: ['Ecom', 'Store', 'App'],
  store: ['S1', 'S2', 'S3'],
};

export type Rand = () => number;
export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const some = <T>(r: Rand, items: readonly T[], max = 2): T[] => {
  const n = 1 + Math.floor(r() * max);
  return [...new Set(Array.from({ length: n }, () => pick(r, items)))];
};
const maybe = <T>(r: Rand, p: number, value: () => T): T | undefined => (r() < p ? value() : undefined);
const DAY = 86_400_000;

export function makeArticles(r: Rand, n: number): WorldArticle[] {
  return Array.from({ length: n }, (_, i) => ({
    sku: `SKU-${i}`,
    brand: r() < 0.9 ? pick(r, pools.brand) : null,
    main_category: pick(r, pools.main_category),
    product_category: r() < 0.8 ? pick(r, pools.product_category) : null,
    color: r() < 0.85 ? pick(r, pools.color) : null,
    size: r() < 0.85 ? pick(r, pools.size) : null,
    season: r() < 0.8 ? pick(r, pools.season) : null,
    gender: r() < 0.8 ? pick(r, pools.gender) : null,
  }));
}

/** SKUs the orders use: registered ones and a few the register does not know. */
export const skuPool = (articles: WorldArticle[]) => [...articles.map((a) => a.sku), 'UNKNOWN-1', 'UNKNOWN-2'];

export function makeOrder(r: Rand, orderId: string, emails: string[], skus: string[], now: number): WorldOrder {
  // Whole days plus a half: far from any withinDays boundary, so the test's and the server's clocks may differ.
  const createdAt = new Date(now - (Math.floor(r() * 400) + 0.5) * DAY).toISOString().replace('Z', '+00:00');
  return {
    orderId,
    email: pick(r, emails),
    status: r() < 0.15 ? pick(r, pools.customStatus) : pick(r, pools.status),
    channel: r() < 0.85 ? pick(r, pools.channel) : null,
    store: pick(r, pools.store),
    createdAt,
    lines: Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => {
      const type = r() < 0.8 ? 'Purchase' : 'Return';
      const cents = 100 + Math.floor(r() * 50_000);
      return { type, sku: pick(r, skus), cents: type === 'Return' && r() < 0.5 ? -cents : cents, quantity: r() < 0.1 ? 0 : 1 + (i % 3) };
    }),
    feeCents: r() < 0.3 ? Math.floor(r() * 5000) : 0,
    discountCents: r() < 0.3 ? Math.floor(r() * 3000) : 0,
    sendTotal: r() < 0.5,
  };
}

const money = (cents: number) => cents / 100;
export const totalCents = (o: WorldOrder) => o.lines.reduce((s, l) => s + l.cents, 0) + o.feeCents - o.discountCents;

export function orderDocument(o: WorldOrder): Record<string, unknown> {
  const sub = o.lines.reduce((s, l) => s + l.cents, 0);
  return {
    orderId: o.orderId,
    contact: { matchKey: o.email, matchKeyType: 'Email' },
    externalStoreId: o.store,
    status: o.status,
    currencyCode: 'SEK',
    ...(o.channel ? { channel: o.channel } : {}),
    createdAt: o.createdAt,
    lineItems: {
      items: o.lines.map((l, i) => ({ id: `l${i}`, type: l.type, quantity: l.quantity, article: { sku: l.sku }, totalPrice: money(l.cents) })),
      subTotal: money(sub),
    },
    ...(o.feeCents ? { fees: { items: [{ type: 'Shipping', amount: money(o.feeCents) }], total: money(o.feeCents) } } : {}),
    ...(o.discountCents ? { discounts: { items: [{ type: 'Promo', amount: money(o.discountCents) }] } } : {}),
    ...(o.sendTotal ? { totalPrice: money(totalCents(o)) } : {}),
  };
}

/** A random filter; values sometimes miss every order, enums arrive in any case. */
export function makeFilter(r: Rand, skus: string[], now: number, depth = 0): Filter {
  const x = r();
  const children = () => Array.from({ length: 2 + Math.floor(r() * 2) }, () => makeFilter(r, skus, now, depth + 1));
  if (depth < 3 && x < 0.14) return { and: children() };
  if (depth < 3 && x < 0.26) return { or: children() };
  if (depth < 3 && x < 0.38) return { not: makeFilter(r, skus, now, depth + 1) };
  if (x < 0.45) return { contact: { contactType: some(r, ['Member', 'contact', 'Nobody']) } };
  return { hasOrder: makeOrderCondition(r, skus, now) };
}

function makeOrderCondition(r: Rand, skus: string[], now: number): OrderCondition {
  const c: OrderCondition = {};
  const p = 0.25;
  const day = (d: number) => new Date(now - d * DAY).toISOString();
  if (r() < 0.35) c.ongoing = r() < 0.6;
  if (r() < p) {
    const known = (s: string) => (pools.status as readonly string[]).includes(s);
    c.status = some(r, [...pools.status, ...pools.customStatus, 'shipped']).map((s) => (known(s) && r() < 0.2 ? s.toLowerCase() : s));
  }
  if (r() < p) c.orderType = some(r, ['Purchase', 'Return', 'Mixed']);
  if (r() < p) c.channel = some(r, pools.channel);
  if (r() < p) c.externalStoreId = some(r, [...pools.store, 'S9']);
  if (r() < p) {
    const from = maybe(r, 0.5, () => day(200 + Math.floor(r() * 200)));
    const to = maybe(r, 0.5, () => day(Math.floor(r() * 200)));
    const withinDays = maybe(r, 0.4, () => 1 + Math.floor(r() * 300));
    c.createdAt = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(withinDays ? { withinDays } : {}) };
  }
  if (r() < p) {
    const a = Math.floor(r() * 60_000) / 100;
    const b = a + Math.floor(r() * 60_000) / 100;
    c.totalPrice = { ...(r() < 0.6 ? { min: a } : {}), ...(r() < 0.6 ? { max: b } : {}) };
  }
  if (r() < 0.55) {
    const l: NonNullable<OrderCondition['lineItem']> = {};
    if (r() < 0.25) l.type = pick(r, ['Purchase', 'Return', 'return'] as const) as 'Purchase';
    if (r() < 0.25) l.sku = some(r, skus, 3);
    const attrs = [
      ['brand', 'brand'],
      ['mainCategory', 'main_category'],
      ['productCategory', 'product_category'],
      ['color', 'color'],
      ['size', 'size'],
      ['season', 'season'],
      ['gender', 'gender'],
    ] as const;
    // Attribute values arrive in any letter case: they match regardless.
    const anyCase = (v: string) => (r() < 0.2 ? v.toLowerCase() : r() < 0.1 ? v.toUpperCase() : v);
    for (const [key, pool] of attrs) if (r() < 0.2) l[key] = some(r, [...pools[pool], 'Nope']).map(anyCase);
    c.lineItem = l;
  }
  return c;
}

/** The oracle: which contacts the filter selects, sorted by id — computed from the world in plain code. */
export function expected(filter: Filter, contacts: WorldContact[], orders: WorldOrder[], articles: WorldArticle[], now: number): string[] {
  const byEmail = new Map(contacts.map((c) => [c.email, c.id]));
  const articleBySku = new Map(articles.map((a) => [a.sku, a]));
  const ieq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const orderOk = (o: WorldOrder, c: OrderCondition): boolean => {
    const created = Date.parse(o.createdAt);
    const orderType = o.lines.every((l) => l.type === 'Purchase') ? 'Purchase' : o.lines.every((l) => l.type === 'Return') ? 'Return' : 'Mixed';
    // A return's total counts as a positive amount, whatever its sign.
    const cents = orderType === 'Return' ? Math.abs(totalCents(o)) : totalCents(o);
    const custom = !(pools.status as readonly string[]).includes(o.status);
    if (c.ongoing !== undefined && c.ongoing !== (custom || ['Received', 'InProgress'].includes(o.status))) return false;
    // The four known statuses match in any case; a custom one as written.
    if (c.status && !c.status.some((s) => (custom ? s === o.status : ieq(s, o.status)))) return false;
    if (c.orderType && !c.orderType.includes(orderType)) return false;
    if (c.channel && (o.channel === null || !c.channel.includes(o.channel))) return false;
    if (c.externalStoreId && !c.externalStoreId.includes(o.store)) return false;
    if (c.createdAt?.from && created < Date.parse(c.createdAt.from)) return false;
    if (c.createdAt?.to && created > Date.parse(c.createdAt.to)) return false;
    if (c.createdAt?.withinDays && created < now - c.createdAt.withinDays * DAY) return false;
    if (c.totalPrice?.min !== undefined && cents < Math.round(c.totalPrice.min * 100)) return false;
    if (c.totalPrice?.max !== undefined && cents > Math.round(c.totalPrice.max * 100)) return false;
    const l = c.lineItem;
    if (!l) return true;
    return o.lines.some((line) => {
      if (line.quantity === 0) return false; // cancelled: never bought or returned
      if (l.type && !ieq(l.type, line.type)) return false;
      if (l.sku && !l.sku.includes(line.sku)) return false;
      const article = articleBySku.get(line.sku);
      const attrs = [
        ['brand', 'brand'],
        ['mainCategory', 'main_category'],
        ['productCategory', 'product_category'],
        ['color', 'color'],
        ['size', 'size'],
        ['season', 'season'],
        ['gender', 'gender'],
      ] as const;
      return attrs.every(([key, column]) => !l[key] || (article?.[column] != null && l[key]!.some((v) => ieq(v, article[column]!))));
    });
  };
  const selects = (f: Filter, contact: WorldContact): boolean => {
    if ('and' in f) return f.and.every((x) => selects(x, contact));
    if ('or' in f) return f.or.some((x) => selects(x, contact));
    if ('not' in f) return !selects(f.not, contact);
    if ('contact' in f) return !f.contact.contactType || f.contact.contactType.some((t) => ieq(t, contact.contactType));
    return orders.some((o) => byEmail.get(o.email) === contact.id && orderOk(o, f.hasOrder));
  };
  return contacts
    .filter((c) => selects(filter, c))
    .map((c) => c.id)
    .sort();
}
