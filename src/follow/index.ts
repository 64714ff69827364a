// The front door of following (issue 17): one saved query, every way to follow it. Each public list (the
// calendar, a committee's meetings, the decisions register as filtered, a search) has an Atom feed, an
// iCalendar feed where it holds dates, and an e-mail alert, all driven by the query in the page's address.
import type { Capability } from '../capability.ts';
import { registerAlertPages } from './alerts.routes.ts';
import { sendDigests } from './alerts.service.ts';
import { registerFeeds } from './feeds.routes.ts';
import { followLinks, parseFollowHref } from './query.ts';

export const follow: Capability = {
  name: 'follow',
  routes: async (app, { db, config }) => {
    registerFeeds(app, db, { publicUrl: config.PUBLIC_URL, councilName: config.COUNCIL_NAME });
    registerAlertPages(app, db, { publicUrl: config.PUBLIC_URL, councilName: config.COUNCIL_NAME });
  },
  // The daily digests: each alert once a day, in the first hourly run of the day.
  hourly: (db, tenantId, publicUrl) => sendDigests(db, tenantId, publicUrl),
};

export { sendDigests };

/** The Follow box and <link rel="alternate"> of a page, from its address; null for a page that is not a followable list. */
export function followContext(url: string) {
  const parsed = parseFollowHref(url);
  return parsed.ok ? followLinks(parsed.query) : null;
}
