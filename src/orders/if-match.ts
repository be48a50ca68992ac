// The If-Match precondition of an order write: read from the header when the
// write is accepted, checked when its job is applied.

/**
 * The If-Match precondition as the job keeps it: `*` (the order must exist) or
 * the listed tags, bare and comma-separated (the order must be at one of them).
 * Tags may be quoted or weak (`W/"tag"`); versionTags never contain a comma.
 * null when there is no precondition.
 */
export function parseIfMatch(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  const tags = (value ?? '')
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((tag) => tag !== '');
  if (tags.length === 0) return null;
  return tags.includes('*') ? '*' : tags.join(',');
}

/** Whether a kept If-Match precondition holds for the order's current versionTag (undefined: no such order). */
export function ifMatchHolds(ifMatch: string, currentTag: string | undefined): boolean {
  if (currentTag === undefined) return false;
  return ifMatch === '*' || ifMatch.split(',').includes(currentTag);
}
