// The demo data set must be what the seed papers say, and must keep people's real contact
// details out (example.org addresses and Ofcom drama numbers only).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDemoRegister } from '../../src/demo/demo.ts';
import { statusAt } from '../../src/partnerships/lifecycle.ts';
import { structureAt } from '../../src/partnerships/structure.ts';

const data = await readDemoRegister();
const byKey = new Map(data.partnerships.map((p) => [p.key, p]));
const status = (key: string, date: string) =>
  statusAt(
    byKey.get(key)!.events.map((e) => ({ kind: e.kind, eventDate: e.date })),
    date,
  );

describe('demo data', () => {
  it('uses only example.org e-mail addresses and unique Ofcom drama numbers', () => {
    const contacts = [...data.people, ...data.organisations];
    for (const c of contacts) {
      if (c.email) assert.match(c.email, /@example\.org$/, `${c.name} has a real-looking e-mail`);
      if (c.phone) assert.match(c.phone, /^01632 960\d{3}$/, `${c.name} has a real-looking phone number`);
    }
    const phones = contacts.map((c) => c.phone).filter(Boolean);
    assert.equal(new Set(phones).size, phones.length);
  });
  it('resolves every reference', () => {
    const keys = new Set([...data.areas, ...data.organisations, ...data.people, ...data.partnerships].map((x) => x.key));
    for (const p of data.partnerships) {
      for (const k of [
        ...p.areaKeys,
        ...p.reportsTo.map((r) => r.parentKey),
        ...p.events.flatMap((e) => (e.relatedKey ? [e.relatedKey] : [])),
        ...p.memberOrganisations.map((m) => m.organisationKey),
        ...p.memberships.map((m) => m.personKey),
        ...p.contributions.map((c) => c.organisationKey),
      ]) {
        assert.ok(keys.has(k), `${p.key} refers to unknown ${k}`);
      }
    }
  });
  it("holds seed 002's contributions: £8,000 a year to the LEP, £23,470 to Horizons, £5,470 to the GCP", () => {
    const amounts = (key: string) => byKey.get(key)!.contributions.map((c) => c.amountPence);
    assert.ok(amounts('gcgp-lep').includes(800000));
    assert.ok(amounts('cambridgeshire-horizons').includes(2347000));
    assert.ok(amounts('greater-cambridge-partnership').includes(547000));
  });
  it('dates the lifecycle as the seeds do', () => {
    assert.equal(status('cambridgeshire-together', '2009-07-01'), 'active');
    assert.equal(status('cambridgeshire-together', '2011-10-01'), 'decommissioned');
    assert.equal(status('cambridgeshire-horizons', '2011-09-29'), 'active');
    assert.equal(status('cambridgeshire-horizons', '2011-09-30'), 'decommissioned');
    assert.equal(status('greater-cambridge-partnership', '2011-10-01'), 'wound_up');
    assert.equal(status('gcgp-lep', '2009-07-01'), 'not_yet_established');
    assert.equal(status('gcgp-lep', '2011-10-01'), 'active');
  });
  it('gives different landscapes on 1 July 2009 and 1 October 2011', () => {
    const partnerships = data.partnerships.map((p) => ({
      id: p.key,
      name: p.name,
      kind: p.kind,
      subgroupType: p.subgroupType ?? null,
      events: p.events.map((e) => ({ kind: e.kind, eventDate: e.date, previousName: e.previousName ?? null })),
    }));
    const lines = data.partnerships.flatMap((p) =>
      p.reportsTo.map((r) => ({ partnershipId: p.key, parentId: r.parentKey, startDate: r.startDate ?? null, endDate: r.endDate ?? null })),
    );
    const roots2009 = structureAt(partnerships, lines, '2009-07-01').map((r) => r.id);
    const roots2011 = structureAt(partnerships, lines, '2011-10-01').map((r) => r.id);
    assert.ok(roots2009.includes('cambridgeshire-together'));
    assert.ok(!roots2011.includes('cambridgeshire-together'));
    assert.ok(roots2011.includes('gcgp-lep'));
    // Seed 002 para 6.9: the LEP's sector and thematic sub-groups, proposed on 15 September 2011.
    const lep = structureAt(partnerships, lines, '2011-10-01').find((r) => r.id === 'gcgp-lep')!;
    assert.ok(lep.children.length >= 11);
  });
});
