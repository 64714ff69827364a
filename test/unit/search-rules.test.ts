// The pure rules of site search: where a result leads, how staff are told a record is not public,
// and the highlighted extract escaped before it is marked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlightedExtract, notPublishedLabel, resultHref } from '../../src/search/search-rules.ts';

describe('search rules', () => {
  it('escapes the text first, then marks each match between the headline markers', () => {
    assert.equal(
      highlightedExtract('a <img src=x onerror=alert(1)> \u0001partnerships\u0002 & "b"'),
      'a &lt;img src=x onerror=alert(1)&gt; <mark>partnerships</mark> &amp; &quot;b&quot;',
    );
  });

  it('drops a stray marker the record itself held, so no <mark> is left open', () => {
    assert.equal(highlightedExtract('x \u0001y \u0001z\u0002 w\u0002'), 'x y <mark>z</mark> w');
  });

  it('leads the public to public pages and staff to the back office', () => {
    const minute = { kind: 'decision' as const, id: 'r1', meetingId: 'm1' };
    assert.equal(resultHref(minute, false), '/calendar/m1/minutes');
    assert.equal(resultHref(minute, true), '/meetings/m1/minutes');
    assert.equal(resultHref({ kind: 'partnership', id: 'p1', meetingId: null }, false), '/register/p1');
    assert.equal(resultHref({ kind: 'indicator', id: 'i1', meetingId: null }, true), '/performance/indicators/i1');
  });

  it('says why staff see a record the public cannot', () => {
    assert.equal(notPublishedLabel(true, 'draft'), null);
    assert.equal(notPublishedLabel(false, 'draft'), 'Draft');
    assert.equal(notPublishedLabel(false, 'exempt'), 'Exempt: not published');
    assert.equal(notPublishedLabel(false, 'private'), 'Private: not published');
    assert.equal(notPublishedLabel(false, 'published'), 'Not published');
  });
});
