// The If-Match precondition of an order write: read from the header when the
// write is accepted, checked when its job is applied.
import { ApiError } from '../http/problem.js';

/** The longest If-Match header read: a few dozen versionTags. */
export const IF_MATCH_MAX_LENGTH = 1024;

const unusable = (why: string) =>
  new ApiError('InvalidRequest', `If-Match ${why}`, [
    { path: 'if-match', message: 'must be a versionTag ("tag" or W/"tag"), a comma-separated list of them, or *' },
  ]);

/**
 * The If-Match precondition as the job keeps it: `*` (the order must exist) or
 * the listed tags, bare and comma-separated (the order must be at one of them).
 * Tags may be quoted or weak (`W/"tag"`); versionTags never contain a comma.
 * null when there is no header. A header that names no tag is refused rather
 * than read as "no precondition": its sender believes the write is conditional.
 */
export function parseIfMatch(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const entries = (Array.isArray(header) ? header.join(',') : header).split(',').map((entry) => entry.trim());
  if (entries.length === 1 && entries[0] === '*') return '*';
  const tags = entries.map((entry) => /^(?:W\/)?"(.*)"$/.exec(entry)?.[1] ?? entry);
  if (tags.some((tag) => tag === '' || tag.startsWith('W/') || tag.includes('"'))) throw unusable('has an empty or malformed entry');
  // Only a bare * is the wildcard, and only alone (RFC 9110).
  if (tags.includes('*')) throw unusable('may be * alone, unquoted, or a list of versionTags');
  return tags.join(',');
}

/** Whether a kept If-Match precondition holds for the order's current versionTag (undefined: no such order). */
export function ifMatchHolds(ifMatch: string, currentTag: string | undefined): boolean {
  if (currentTag === undefined) return false;
  return ifMatch === '*' || ifMatch.split(',').includes(currentTag);
}
