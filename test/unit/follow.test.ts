// Following a public list (issue 17): the query read strictly from a page's address, its canonical
// form and follow links, the Atom writer and the conditional-answer rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { buildAtom, EPOCH, xmlText } from '../../src/follow/atom.ts';
import { etagOf, notModified } from '../../src/follow/conditional.ts';
import { canonicalParams, describeQuery, followLinks, pageHref, parseFollowHref, parseFollowQuery } from '../../src/follow/query.ts';

const BODY = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const parse = (href: string) => parseFollowHref(href);

describe('a followable query', () => {
  it('reads each kind of list from its page address', () => {
    assert.deepEqual(parse('/calendar'), { ok: true, query: { kind: 'calendar', bodyId: null } });
    assert.deepEqual(parse(`/calendar?body=${BODY.toUpperCase()}&when=past&page=2`), { ok: true, query: { kind: 'calendar', bodyId: BODY } });
    assert.deepEqual(parse(`/committees/${BODY}`), { ok: true, query: { kind: 'committee', bodyId: BODY } });
    // Seed 004's register: decisions of 17 April 2018 about Area Champions.
    assert.deepEqual(parse(`/decisions?committee=${BODY}&from-day=17&from-month=4&from-year=2018&q=Area+Champion&ref=`), {
      ok: true,
      query: { kind: 'decisions', committee: BODY, from: '2018-04-17', to: null, q: 'Area Champion', ref: null },
    });
    assert.deepEqual(parse('/search?q=Mill+Road&type=meeting&type=decision&type=meeting'), {
      ok: true,
      query: { kind: 'search', q: 'Mill Road', types: ['decision', 'meeting'], committee: null, from: null, to: null },
    });
  });

  it('refuses what is not a followable list, or garbled, with a reason', () => {
    const refused = (href: string, message: RegExp) => {
      const p = parse(href);
      assert.equal(p.ok, false, href);
      if (!p.ok) assert.match(p.error, message, href);
    };
    refused('/committees', /cannot be followed/);
    refused('/register/abc', /cannot be followed/);
    refused('https://evil.example/decisions', /cannot be followed/);
    refused('//evil.example/decisions', /cannot be followed/);
    refused('/calendar?body=nope', /Choose a committee or board from the list/);
    refused(`/calendar?body=${BODY}&body=${BODY}`, /Choose one committee/);
    refused('/calendar?colour=red', /cannot be followed/);
    refused('/committees/not-an-id', /no such committee/);
    refused('/decisions?from-day=31&from-month=2&from-year=2018', /real date/);
    refused('/decisions?from-day=2&from-month=5&from-year=2018&to-day=1&to-month=5&to-year=2018', /same as or after/);
    refused(`/decisions?q=${'x'.repeat(201)}`, /200 characters or fewer/);
    refused('/search', /Enter what you are looking for/);
    refused('/search?q=+', /Enter what you are looking for/);
    refused('/search?q=housing&type=DROP%20TABLE', /kinds of record/);
  });

  it('has one canonical address, whatever the order or view of the page it came from', () => {
    const a = parse('/decisions?q=housing&from-year=2018&from-month=04&from-day=07&page=3');
    const b = parse('/decisions?from-day=7&from-month=4&from-year=2018&q=housing');
    assert.ok(a.ok && b.ok);
    assert.equal(pageHref(a.query), pageHref(b.query));
    assert.equal(pageHref(a.query), '/decisions?from-day=7&from-month=4&from-year=2018&q=housing');
    assert.deepEqual(parse(pageHref(a.query)), a, 'reads back to the same query');
    const s = parse('/search?q=Mill Road&type=meeting');
    assert.ok(s.ok);
    assert.deepEqual(canonicalParams(s.query), [
      ['q', 'Mill Road'],
      ['type', 'meeting'],
    ]);
  });

  it('gives the Atom, iCalendar (for meetings only) and alert addresses of the same query', () => {
    const c = parse(`/calendar?body=${BODY}`);
    assert.ok(c.ok);
    assert.deepEqual(followLinks(c.query), {
      kind: 'calendar',
      page: `/calendar?body=${BODY}`,
      atom: `/calendar.atom?body=${BODY}`,
      ics: `/calendar.ics?body=${BODY}`,
      alert: `/alerts/new?list=%2Fcalendar%3Fbody%3D${BODY}`,
    });
    const k = parse(`/committees/${BODY}`);
    assert.ok(k.ok);
    assert.equal(followLinks(k.query).atom, `/committees/${BODY}/calendar.atom`);
    assert.equal(followLinks(k.query).ics, `/committees/${BODY}/calendar.ics`);
    const d = parse('/decisions?q=housing');
    assert.ok(d.ok);
    assert.equal(followLinks(d.query).atom, '/decisions.atom?q=housing');
    assert.equal(followLinks(d.query).ics, null, 'the register holds decisions, not events');
    assert.equal(describeQuery(d.query, 'Communities and Partnership Committee'), 'Decisions of Communities and Partnership Committee about ‘housing’');
  });

  it('reads the strict path too (the feed routes give path and query apart)', () => {
    assert.equal(parseFollowQuery('/calendar', new URLSearchParams('month=2018-05')).ok, true);
    assert.equal(parseFollowQuery('/calendar/feed', new URLSearchParams()).ok, false);
  });
});

describe('the Atom writer', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => n === 'entry' || n === 'link' });
  const entry = (id: string, updated: string, title = 'Communities and Partnership Committee, Tuesday 17 April 2018') => ({
    id,
    title,
    href: `https://hub.example/calendar/${id}`,
    updated: new Date(updated),
    summary: 'To appoint Councillor Janet French as the Fenland Area Champion.',
  });

  it('writes a feed with the elements RFC 4287 requires, updated as its latest entry', () => {
    const xml = buildAtom({
      selfHref: 'https://hub.example/decisions.atom?q=appoint',
      pageHref: 'https://hub.example/decisions?q=appoint',
      title: 'Decisions about ‘appoint’ – Cambridgeshire County Council',
      author: 'Cambridgeshire County Council',
      entries: [entry(BODY, '2018-06-01T09:30:00.123Z'), entry('2b4e28ba-2fa1-41d2-883f-0016d3cca427', '2018-07-01T10:00:00Z')],
    });
    const feed = parser.parse(xml, true).feed;
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.id, 'https://hub.example/decisions.atom?q=appoint');
    assert.equal(feed.updated, '2018-07-01T10:00:00Z');
    assert.equal(feed.author.name, 'Cambridgeshire County Council');
    assert.equal(feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href'], 'https://hub.example/decisions.atom?q=appoint');
    assert.equal(feed.entry.length, 2);
    assert.equal(feed.entry[0].id, `urn:uuid:${BODY}`);
    assert.equal(feed.entry[0].updated, '2018-06-01T09:30:00Z');
  });

  it('escapes text and drops characters XML cannot carry', () => {
    assert.equal(xmlText('Fish & <Chips> "Ltd" it\'s\u0001'), 'Fish &amp; &lt;Chips&gt; &quot;Ltd&quot; it&apos;s');
    const xml = buildAtom({
      selfHref: 'https://x/a?b=1&c=2',
      pageHref: 'https://x/',
      title: 'A <b>',
      author: 'C',
      entries: [entry(BODY, '2018-01-01T00:00:00Z', 'Roads & <paths>')],
    });
    const feed = parser.parse(xml, true).feed;
    assert.equal(feed.entry[0].title['#text'], 'Roads & <paths>');
  });

  it('dates an empty feed by a fixed time, so an unchanged empty feed is the same bytes', () => {
    const xml = buildAtom({ selfHref: 'https://x/a', pageHref: 'https://x/', title: 'T', author: 'C', entries: [] });
    assert.match(xml, new RegExp(`<updated>${EPOCH.toISOString().slice(0, 19)}Z</updated>`));
  });
});

describe('conditional answers', () => {
  const etag = etagOf('BEGIN:VCALENDAR');
  const last = new Date('2018-05-31T13:00:00.700Z');
  it('is current when If-None-Match names the ETag (weak or strong) or *', () => {
    assert.equal(etag, etagOf('BEGIN:VCALENDAR'));
    assert.notEqual(etag, etagOf('BEGIN:VCALENDAR '));
    assert.equal(notModified({ ifNoneMatch: etag }, etag, last), true);
    assert.equal(notModified({ ifNoneMatch: `"x", W/${etag}` }, etag, last), true);
    assert.equal(notModified({ ifNoneMatch: '*' }, etag, last), true);
    assert.equal(notModified({ ifNoneMatch: '"x"', ifModifiedSince: last.toUTCString() }, etag, last), false, 'If-None-Match decides');
  });
  it('is current when If-Modified-Since is no earlier than the last change, to the second', () => {
    assert.equal(notModified({ ifModifiedSince: 'Thu, 31 May 2018 13:00:00 GMT' }, etag, last), true);
    assert.equal(notModified({ ifModifiedSince: 'Thu, 31 May 2018 12:59:59 GMT' }, etag, last), false);
    assert.equal(notModified({ ifModifiedSince: 'yesterday' }, etag, last), false);
    assert.equal(notModified({}, etag, last), false);
  });
});
