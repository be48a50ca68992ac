// The order's wire schemas live in domain/ (pure TypeBox): the domain's OrderDocument is derived from them.
export * from '../domain/order-schema.js';
