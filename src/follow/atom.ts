// An Atom 1.0 writer (RFC 4287) for the feeds of public lists. Pure: give it the feed and its entries.
// Every entry has a stable id (its record's UUID as a URN), the time it last changed, a link back to its
// page and a plain-text summary; the feed has its own id (its canonical address), a self link, an
// alternate link to the page and an author (the council).

export interface FeedEntry {
  /** The record's UUID: the entry's id is urn:uuid:<id>, the same in every feed and on every request. */
  id: string;
  title: string;
  /** The page the entry is about, absolute. */
  href: string;
  updated: Date;
  summary: string;
}

export interface AtomFeed {
  /** The feed's canonical address, absolute: also its id. */
  selfHref: string;
  /** The page the feed follows, absolute. */
  pageHref: string;
  title: string;
  author: string;
  entries: FeedEntry[];
  /** When nothing in the feed has a time (an empty list): the feed's updated time. */
  emptyUpdated?: Date;
}

/** Escapes text for XML content and attribute values; characters XML 1.0 does not allow are dropped. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
  );
}

/** An RFC 3339 time in UTC, to the second. */
export const rfc3339 = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The latest time of the entries (the feed's updated), or the given fallback. */
export function latestUpdate(entries: readonly { updated: Date }[], fallback: Date): Date {
  let latest: Date | null = null;
  for (const e of entries) if (!latest || e.updated > latest) latest = e.updated;
  return latest ?? fallback;
}

/** A fixed time for a feed with nothing in it, so its answer stays the same from one request to the next. */
export const EPOCH = new Date('2000-01-01T00:00:00Z');

export function buildAtom(feed: AtomFeed): string {
  const updated = latestUpdate(feed.entries, feed.emptyUpdated ?? EPOCH);
  const entries = feed.entries.map((e) =>
    [
      '  <entry>',
      `    <id>urn:uuid:${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.href)}"/>`,
      `    <updated>${rfc3339(e.updated)}</updated>`,
      `    <summary type="text">${xmlText(e.summary)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${xmlText(feed.selfHref)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfHref)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.pageHref)}"/>`,
    '  <generator>Partnership Hub</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
