// Conditional answers for feeds (RFC 9110 13.1): a feed's ETag is a hash of its bytes and its
// Last-Modified the latest change in it, so a reader polling an unchanged feed gets a 304 and no body.
// Pure.
import { createHash } from 'node:crypto';

/** A strong validator for these exact bytes. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Last-Modified is to the second (an HTTP date has no fractions). */
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Whether the reader's copy is current: If-None-Match decides when sent (it names this ETag, or *);
 * otherwise If-Modified-Since, when it is a date no earlier than the last change.
 */
export function notModified(headers: { ifNoneMatch?: string; ifModifiedSince?: string }, etag: string, lastModified: Date): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const bare = (t: string) => t.trim().replace(/^W\//, '');
    return headers.ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === etag);
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(since / 1000) >= seconds(lastModified);
  }
  return false;
}
