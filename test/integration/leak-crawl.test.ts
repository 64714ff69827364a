// The leak crawl (issue 14): every draft, exempt, private, withdrawn, unpublished or deleted record of
// every kind carries a unique marker in every text field and is linked from published records in every
// way the product allows (test/leak-fixtures.ts). Anonymously, we then crawl every public page from the
// start pages, call every public GET operation of the OpenAPI document (lists, details and modifiedSince
// feeds, each answer checked strictly against the document), fetch every feed and document (text
// extracted from PDF, Word and Excel), and no marker may appear anywhere.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { crawlPublic, uncoveredRoutes, type CrawlResult } from '../crawler.ts';
import { buildTestApp, type TestApp } from '../helper.ts';
import { buildConfidentialSet, MARK, type ConfidentialSet } from '../leak-fixtures.ts';

const START = [
  '/',
  '/register',
  '/register/landscape',
  '/calendar',
  '/calendar?when=past',
  '/committees',
  '/decisions',
  '/delivery-plans',
  '/performance/scorecard',
  '/outside-bodies',
  '/councillors',
  '/accessibility',
  '/privacy',
  '/calendar.ics',
  // A search with words, so its Follow box leads to its Atom feed and alert sign-up (issue 17).
  '/search?q=partnership',
  '/health',
];

describe('the leak crawl', () => {
  let t: TestApp;
  let set: ConfidentialSet;
  let crawl: CrawlResult;

  before(async () => {
    t = await buildTestApp();
    set = await buildConfidentialSet(t);
    crawl = await crawlPublic(t.app, { start: START });
    const count = (kind: string) => crawl.visits.filter((v) => v.kind === kind).length;
    console.log(
      `# leak crawl: ${crawl.visits.length} URLs (${count('page')} pages, ${count('api')} API answers, ${count('document')} documents and feeds), ` +
        `${set.markers.size} markers`,
    );
  });
  after(async () => t?.close());

  it('finds no marker of a confidential record in any public page, API answer, feed or document', () => {
    const leaks = crawl.visits.flatMap((v) =>
      [...v.text.matchAll(new RegExp(`${MARK}\\d{3}x`, 'g'))].map((m) => `${v.url} shows ${m[0]} (${set.markers.get(m[0]) ?? 'unknown'})`),
    );
    assert.deepEqual([...new Set(leaks)], []);
  });

  it('shows the public no working notes: no "seed" or "inferred" in any page, API answer, feed or document (issue 18)', () => {
    // What a reader sees: a page's text without its tags, scripts and styles (an attribute or a script may
    // say "seed" for reasons of its own); an API answer, feed or document's text as the crawl extracted it.
    const visible = (v: (typeof crawl.visits)[number]) =>
      v.kind !== 'page'
        ? v.text
        : v.text
            .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
            .replace(/<[^>]+>/g, ' ')
            .replace(/&nbsp;/g, ' ')
            .replace(/&amp;/g, '&')
            .replace(/&#39;|&#x27;/g, "'")
            .replace(/&quot;/g, '"')
            .replace(/\s+/g, ' ');
    const notes = crawl.visits
      .filter((v) => v.kind === 'page' || v.kind === 'api' || v.kind === 'document')
      .flatMap((v) => {
        const text = visible(v);
        return [...text.matchAll(/\bseeds?\b|\binferred\b/gi)].map((m) => `${v.url}: …${text.slice(Math.max(0, m.index - 60), m.index + 60)}…`);
      });
    assert.deepEqual([...new Set(notes)], []);
  });

  it("reaches every public page route in the app's route list", () => {
    // Sign-up and password-reset forms are reached from an e-mailed link or on first start, and show no records.
    // An alert's confirm, manage and unsubscribe pages are reached from its e-mails and show only that alert (issue 17).
    const notPublished = ['/reset-password/:token', '/setup', '/alerts/confirm', '/alerts/manage', '/alerts/unsubscribe'];
    assert.deepEqual(
      uncoveredRoutes(t.app, crawl.visits).filter((r) => !notPublished.includes(r)),
      [],
    );
  });

  it('gets only answers the published OpenAPI document describes', () => {
    assert.deepEqual(crawl.apiProblems, []);
  });

  it('serves iCalendar feeds that a real parser (ical.js) reads: a VCALENDAR of events, each with a uid, a summary and a start', () => {
    const feeds = crawl.visits.filter((v) => v.status === 200 && /\.ics(\?|$)/.test(v.url));
    assert.ok(feeds.length >= 2, `${feeds.length} feeds`);
    for (const feed of feeds) {
      const text = feed.text.slice(feed.text.indexOf('BEGIN:VCALENDAR'));
      const calendar = new ICAL.Component(ICAL.parse(text));
      assert.equal(calendar.name, 'vcalendar', feed.url);
      assert.ok(calendar.getFirstPropertyValue('prodid'), `${feed.url} has a PRODID`);
      for (const vevent of calendar.getAllSubcomponents('vevent')) {
        const event = new ICAL.Event(vevent);
        assert.ok(event.uid && event.summary && event.startDate, `${feed.url}: an event without uid, summary or start`);
      }
    }
  });

  it('crawled a real site: pages, API answers and documents, with no server errors', () => {
    assert.ok(crawl.visits.filter((v) => v.kind === 'page' && v.status === 200).length > 50);
    assert.ok(crawl.visits.filter((v) => v.kind === 'api' && v.status === 200).length > 30);
    assert.ok(crawl.visits.filter((v) => v.kind === 'document' && v.status === 200).length > 5);
    assert.deepEqual(
      crawl.visits.filter((v) => v.status >= 500).map((v) => `${v.url}: ${v.status}`),
      [],
    );
  });
});
