// The public page cache's memory bound: least recently used pages go first, and a page larger than
// the whole bound is never kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { chooseEncoding, PageLru, withoutNonces } from '../../src/web/public-cache.ts';

const empty = Buffer.alloc(0);
const page = (body: string) => ({ etag: 'W/"x"', body: Buffer.from(body), csp: undefined, gzip: empty, br: empty });
const bodyOf = (e: { body: Buffer } | undefined) => e?.body.toString();

describe('PageLru', () => {
  it('forgets the least recently used page beyond its size', () => {
    const lru = new PageLru(10);
    lru.set('/a', page('aaaa'));
    lru.set('/b', page('bbbb'));
    assert.ok(lru.get('/a'), 'reading /a makes /b the oldest');
    lru.set('/c', page('cccc'));
    assert.equal(lru.get('/b'), undefined);
    assert.equal(bodyOf(lru.get('/a')), 'aaaa');
    assert.equal(bodyOf(lru.get('/c')), 'cccc');
    assert.equal(lru.size, 2);
  });

  it('replaces a page kept under the same address, counting its size once', () => {
    const lru = new PageLru(10);
    lru.set('/a', page('aaaaaa'));
    lru.set('/a', page('aaaaaaa'));
    lru.set('/b', page('bbb'));
    assert.equal(lru.size, 2);
    assert.equal(bodyOf(lru.get('/a')), 'aaaaaaa');
  });

  it('never keeps a page larger than the whole cache', () => {
    const lru = new PageLru(10);
    lru.set('/a', page('aaaa'));
    lru.set('/huge', page('x'.repeat(11)));
    assert.equal(lru.get('/huge'), undefined);
    assert.equal(bodyOf(lru.get('/a')), 'aaaa');
  });
});

describe('the encoding a kept page is sent in', () => {
  it('prefers Brotli, then gzip, as the browser accepts them', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding('gzip;q=0'), null);
  });
});

describe('a kept page without its nonce', () => {
  const script = "document.body.className += ' js-enabled';";
  const sha = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const csp = "default-src 'self';script-src 'self' 'nonce-abc';style-src 'self' 'nonce-def';object-src 'none'";

  it('allows its inline script by hash instead, and nothing else changes', () => {
    const html = `<body><script nonce="abc">${script}</script><script type="module" nonce="abc" src="/a.mjs"></script></body>`;
    const same = withoutNonces(html, csp, { script: 'abc', style: 'def' });
    assert.ok(same);
    assert.equal(same.html, `<body><script>${script}</script><script type="module" src="/a.mjs"></script></body>`);
    assert.equal(same.csp, `default-src 'self';script-src 'self' ${sha};style-src 'self';object-src 'none'`);
  });

  it('is not kept when the nonce is used any other way', () => {
    assert.equal(withoutNonces('<p data-n="abc"></p>', csp, { script: 'abc', style: 'def' }), null);
    assert.equal(withoutNonces('<style nonce="def"></style>', csp, { script: 'abc', style: 'def' }), null);
  });
});
