// The rules of an OParl 1.1 object list: its filters (full date-times with an offset, as the spec asks),
// its pages and links (which keep the client's filters), and a meeting's time in England as a date-time.
// Seed 004's meetings: 17 April 2018 at 10:00 and 31 May 2018 (both in British Summer Time); a winter
// meeting of the forward plan, 13 December 2018, is in GMT. Also: the test schemas are strict enough to
// fail an object missing a property the specification requires.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DEFAULT_PAGE_SIZE, englandDateTime, listPage, parseDateTime, parseListQuery } from '../../src/oparl/oparl.query.ts';

describe('OParl list filters', () => {
  it('reads the four date filters, limit, page and omit_internal', () => {
    const parsed = parseListQuery({
      created_since: '2018-04-17T00:00:00+01:00',
      created_until: '2018-05-31T23:59:59Z',
      modified_since: '2018-04-16T23:00:00.000Z',
      limit: '10',
      page: '3',
      omit_internal: 'true',
    });
    assert.ok(parsed.ok);
    assert.equal(parsed.query.createdSince?.toISOString(), '2018-04-16T23:00:00.000Z');
    assert.equal(parsed.query.createdUntil?.toISOString(), '2018-05-31T23:59:59.000Z');
    assert.equal(parsed.query.modifiedSince?.toISOString(), '2018-04-16T23:00:00.000Z');
    assert.equal(parsed.query.modifiedUntil, null);
    assert.equal(parsed.query.limit, 10);
    assert.equal(parsed.query.page, 3);
    assert.equal(parsed.query.omitInternal, true);
  });

  it('defaults to the first page of 50, with nothing filtered', () => {
    const parsed = parseListQuery({});
    assert.deepEqual(parsed, {
      ok: true,
      query: { createdSince: null, createdUntil: null, modifiedSince: null, modifiedUntil: null, limit: DEFAULT_PAGE_SIZE, page: 1, omitInternal: false },
    });
  });

  it('refuses what is not a full date-time with its offset, or a day that does not exist, naming the parameter', () => {
    for (const bad of [
      '2018-05-31',
      '2018-05-31T10:00:00',
      '31/05/2018',
      '2018-02-29T00:00:00Z',
      '2018-04-31T00:00:00Z',
      '2018-05-31T24:00:00Z',
      '1899-12-31T00:00:00Z',
      '2018-05-31T10:00:00+25:00',
      '',
    ]) {
      const parsed = parseListQuery({ modified_since: bad });
      assert.ok(!parsed.ok, bad);
      assert.equal(parsed.errors[0]?.parameter, 'modified_since');
      assert.match(parsed.errors[0]!.detail, /date and time with its offset/);
    }
    assert.equal(parseDateTime('2016-02-29T12:00:00Z')?.toISOString(), '2016-02-29T12:00:00.000Z');
    // A + left unencoded in the address arrives as a space, and still means +.
    assert.equal(parseDateTime('2018-05-31T00:00:00 01:00')?.toISOString(), '2018-05-30T23:00:00.000Z');
    assert.equal(parseDateTime('2018-05-31 00:00:00+01:00'), null);
    // Given twice (the query string reads as a list): refused, not guessed.
    assert.ok(!parseListQuery({ created_since: ['2018-01-01T00:00:00Z', '2018-02-01T00:00:00Z'] }).ok);
  });

  it('refuses an until before its since, a limit outside 1–500, a page that is not a whole number from 1, and omit_internal other than true or false', () => {
    const parsed = parseListQuery({
      created_since: '2018-06-01T00:00:00Z',
      created_until: '2018-05-01T00:00:00Z',
      limit: '0',
      page: '1.5',
      omit_internal: 'yes',
    });
    assert.ok(!parsed.ok);
    assert.deepEqual(
      parsed.errors.map((e) => e.parameter),
      ['created_until', 'limit', 'page', 'omit_internal'],
    );
    for (const limit of ['501', '-1', 'ten', '1e2']) assert.ok(!parseListQuery({ limit }).ok, limit);
    for (const page of ['0', '-2', 'x']) assert.ok(!parseListQuery({ page }).ok, page);
  });
});

describe('OParl list pages', () => {
  const query = (raw: Record<string, string>) => {
    const parsed = parseListQuery(raw);
    assert.ok(parsed.ok);
    return parsed.query;
  };

  it('counts the pages and links them, keeping the filters the client gave and only those', () => {
    const raw = { limit: '2', modified_since: '2018-04-17T00:00:00+01:00', page: '2', tracking: 'x' };
    const page = listPage(['c', 'd'], 5, query(raw), 'https://council.example.org/oparl/v1/meetings', raw);
    assert.deepEqual(page.pagination, { totalElements: 5, elementsPerPage: 2, currentPage: 2, totalPages: 3 });
    const since = 'modified_since=2018-04-17T00%3A00%3A00%2B01%3A00';
    assert.deepEqual(page.links, {
      first: `https://council.example.org/oparl/v1/meetings?${since}&limit=2`,
      prev: `https://council.example.org/oparl/v1/meetings?${since}&limit=2`,
      self: `https://council.example.org/oparl/v1/meetings?${since}&limit=2&page=2`,
      next: `https://council.example.org/oparl/v1/meetings?${since}&limit=2&page=3`,
      last: `https://council.example.org/oparl/v1/meetings?${since}&limit=2&page=3`,
    });
  });

  it('gives an empty list one page, with no next and no prev', () => {
    const page = listPage([], 0, query({}), '/oparl/v1/legislative-terms', {});
    assert.deepEqual(page, {
      data: [],
      pagination: { totalElements: 0, elementsPerPage: DEFAULT_PAGE_SIZE, currentPage: 1, totalPages: 1 },
      links: { first: '/oparl/v1/legislative-terms', self: '/oparl/v1/legislative-terms', last: '/oparl/v1/legislative-terms' },
    });
  });
});

describe('a meeting’s time in England', () => {
  it('gives British Summer Time in summer and GMT in winter, as the offset in force that day', () => {
    assert.equal(englandDateTime('2018-04-17', '10:00'), '2018-04-17T10:00:00+01:00');
    assert.equal(englandDateTime('2018-05-31', '14:00:00'), '2018-05-31T14:00:00+01:00');
    assert.equal(englandDateTime('2018-12-13', '10:00'), '2018-12-13T10:00:00+00:00');
    // The days the clocks change in 2018: 25 March (forward at 01:00 GMT) and 28 October (back at 02:00 BST).
    assert.equal(englandDateTime('2018-03-25', '00:30'), '2018-03-25T00:30:00+00:00');
    assert.equal(englandDateTime('2018-03-25', '10:00'), '2018-03-25T10:00:00+01:00');
    assert.equal(englandDateTime('2018-10-28', '10:00'), '2018-10-28T10:00:00+00:00');
  });
});

describe('the OParl 1.1 test schemas', () => {
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync(new URL('../fixtures/oparl/oparl-1.1.schema.json', import.meta.url), 'utf8')), 'oparl');
  const valid = (definition: string, value: unknown) => ajv.getSchema(`oparl#/$defs/${definition}`)!(value);
  const file = { id: 'https://c.example.org/oparl/v1/file/1', type: 'https://schema.oparl.org/1.1/File', accessUrl: 'https://c.example.org/f.pdf' };

  it('fail an object that lacks a property the specification requires, has one it does not know, or has the wrong type', () => {
    assert.ok(valid('File', file));
    const { accessUrl: _, ...noAccessUrl } = file;
    assert.ok(!valid('File', noAccessUrl));
    assert.ok(!valid('File', { ...file, size: '10 KB' }));
    assert.ok(!valid('File', { ...file, sizeBytes: 10 }));
    assert.ok(!valid('File', { ...file, type: 'https://schema.oparl.org/1.1/Paper' }));
    assert.ok(!valid('AgendaItem', { id: file.id, type: 'https://schema.oparl.org/1.1/AgendaItem' }), 'order is required');
    assert.ok(!valid('System', { id: file.id, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.0/', body: file.id }));
    assert.ok(!valid('Body', { id: file.id, type: 'https://schema.oparl.org/1.1/Body', name: 'Council' }));
  });
});
