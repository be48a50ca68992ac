// The explanation printed under the measurements in docs/segments-performance.md.
export const notes = `## How the filters are served

Every filter node compiles to a set of contact ids: a \`hasOrder\` scans the facts
(one statement, DISTINCT at the top), \`and\` is INTERSECT (then EXCEPT for its
negated children), \`or\` is UNION, \`not\` is \`contacts EXCEPT …\`. Count and first
page come from one statement over a materialized CTE.

| index | serves |
| --- | --- |
| \`segment_lines_sku (sku) INCLUDE (contact_id, ongoing, status, created_at, type, order_id)\` | every \`lineItem\` condition: the article register gives the SKUs, then an index-only scan; with \`ongoing\` / \`status\` / \`createdAt\` still no join (F2–F4, F7–F10) |
| \`segment_orders_ongoing (contact_id) WHERE ongoing\` | \`ongoing: true\` (F1), index-only and already in contact order |
| \`segment_orders_status (status, contact_id)\` | status lists, e.g. "never cancelled" (F8) |
| \`segment_orders_created (created_at, contact_id)\` | date windows (F5) |
| \`segment_orders_store (store_external_id, contact_id)\` | store lists |
| \`segment_orders_contact (contact_id)\` | the foreign key to contacts (erasure) |
| \`articles (brand)\`, \`(main_category)\`, \`(product_category)\` | attribute → SKUs |

## What was tuned (same machine, 1M orders)

| change | effect (median) |
| --- | --- |
| A foreign key from the order facts to contacts guarantees every fact contact is registered, so the final semi-join with contacts went | F1 90 → 30 ms, F2 122 → 34 ms, F8 642 → 160 ms (with the next two) |
| Sort the page by uuid, not text; \`work_mem\` 64 MB for segment queries (the 4 MB default spilled the CTE to disk) | F6 482 → 264 ms |
| Index \`(status, contact_id)\` | "not cancelled" part of F8: parallel seq scan 150 ms → index-only 8 ms |
| Status and createdAt copied onto the line facts | F9 372 → 20–40 ms (30k primary-key lookups into the order facts gone) |
| Cheaper parallel costs for segment queries | F6 ~400 → ~300 ms under the same load |

## Limits

- A filter that selects a large share of orders by an order attribute without an
  index (\`totalPrice\`, \`channel\`, \`orderType\`) scans all order facts: F6 is
  that case, 250–400 ms at 1M orders on 2 cores depending on load, growing
  linearly with orders. An index would serve only that one condition.
- Results of ~90k contacts (F3, F6) cost ~50 ms for the distinct/count/sort alone.
- The server runs with its defaults (\`shared_buffers\` 128 MB): the facts and
  their indexes (~1 GB) are read from the OS page cache.
- The machine is shared with other work; the noise gauge above says how loaded it
  was. A run on a busier machine (load average ~10) measured up to 3× these medians.
- The write path pays one upsert, one delete and one multi-row insert per
  processed order change (in the same transaction); \`test/segments/segments-api.test.ts\`
  checks that a change is visible as soon as its job has succeeded.
`;
