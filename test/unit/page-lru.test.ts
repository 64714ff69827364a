// The public page cache's memory bound: least recently used pages go first, and a page larger than
// the whole bound is never kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageLru } from '../../src/web/public-cache.ts';

const page = (body: string) => ({ etag: 'W/"x"', parts: [Buffer.from(body)] });
const bodyOf = (e: { parts: Buffer[] } | undefined) => e && Buffer.concat(e.parts).toString();

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
