// Pure rules of the annual review of strategic partnerships (seed 002): the landscape's changes in a review
// period grouped as the seed tells them, the council's representatives and sub-groups on a date, contributions
// by year, the checks on a review's dates, and the background papers' numbering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppointmentRow, LandscapeEventRow, ReportingLineRow } from '../../src/partnerships/index.ts';
import { roman } from '../../src/reports/annual-report.ts';
import { checkReviewDates, contributionsByYear, landscapeChanges, representativesAt, subGroupsAt } from '../../src/reports/annual-rules.ts';

const names = new Map([
  ['ct', 'Cambridgeshire Together'],
  ['lce', 'Cambridgeshire Leaders and Chief Executives meeting'],
  ['ssc', 'Safer and Stronger Communities Partnership'],
  ['esp', 'Environmental Sustainability Partnership'],
  ['hor', 'Cambridgeshire Horizons'],
  ['lep', 'Greater Cambridge Greater Peterborough Local Enterprise Partnership'],
  ['gcp', 'Greater Cambridge Partnership'],
  ['trust', "Cambridgeshire Children's Trust"],
  ['cwb', 'Community Wellbeing Board'],
  ['hwb', 'Cambridgeshire Health and Wellbeing Board'],
  ['clean', 'Cleantech sub-group'],
  ['gc', 'Greater Cambridge sub-group'],
  ['scp', 'Stronger Communities Partnership'],
]);
const ev = (
  partnershipId: string,
  kind: LandscapeEventRow['kind'],
  eventDate: string,
  relatedId: string | null = null,
  datePrecision: LandscapeEventRow['datePrecision'] = 'day',
): LandscapeEventRow => ({
  partnershipId,
  kind,
  eventDate,
  datePrecision,
  description: '',
  relatedId,
});
// Seed 002's landscape, as the demo register records it.
const EVENTS: LandscapeEventRow[] = [
  ev('lep', 'established', '2010-09-01', null, 'month'),
  ev('ct', 'decommissioned', '2010-11-23'),
  ev('ct', 'replaced_by', '2010-11-23', 'lce'),
  ev('ssc', 'decommissioned', '2010-11-23'),
  ev('esp', 'decommissioned', '2010-11-23'),
  ev('trust', 'restructured', '2011-04-01', null, 'month'),
  ev('clean', 'established', '2011-09-15'),
  ev('hor', 'decommissioned', '2011-09-30'),
  ev('hor', 'replaced_by', '2011-09-30', 'lep'),
  ev('gcp', 'wound_up', '2011-09-30'),
  ev('gc', 'established', '2012-01-01', null, 'year'),
  ev('cwb', 'replaced_by', '2013-01-01', 'hwb', 'year'),
  ev('scp', 'merged_into', '2010-01-01', 'ssc'),
];
const PERIOD = { start: '2010-10-01', end: '2011-09-30' };

describe('landscape changes in a review period (seed 002, section 3)', () => {
  it("groups the period's changes in the seed's order: established, merged, replaced, decommissioned, wound up, restructured", () => {
    const { inPeriod } = landscapeChanges(EVENTS, names, PERIOD);
    assert.deepEqual(
      inPeriod.map((g) => g.heading),
      ['Established', 'Replaced', 'Decommissioned', 'Wound up', 'Restructured'],
    );
    const of = (heading: string) => inPeriod.find((g) => g.heading === heading)!.changes.map((c) => [c.name, c.date, c.related]);
    assert.deepEqual(of('Decommissioned'), [
      ['Cambridgeshire Together', '2010-11-23', null],
      ['Environmental Sustainability Partnership', '2010-11-23', null],
      ['Safer and Stronger Communities Partnership', '2010-11-23', null],
      ['Cambridgeshire Horizons', '2011-09-30', null],
    ]);
    assert.deepEqual(of('Replaced'), [
      ['Cambridgeshire Together', '2010-11-23', 'Cambridgeshire Leaders and Chief Executives meeting'],
      ['Cambridgeshire Horizons', '2011-09-30', 'Greater Cambridge Greater Peterborough Local Enterprise Partnership'],
    ]);
    assert.deepEqual(of('Wound up'), [['Greater Cambridge Partnership', '2011-09-30', null]]);
    assert.deepEqual(of('Established'), [['Cleantech sub-group', '2011-09-15', null]], 'the LEP formed in September 2010, before the period');
  });

  it('lists the changes recorded for after the period as expected (the Community Wellbeing Board to be replaced)', () => {
    const { expected } = landscapeChanges(EVENTS, names, PERIOD);
    assert.deepEqual(
      expected.map((g) => [g.heading, g.changes.map((c) => `${c.name} ${c.related ?? ''}`.trim())]),
      [
        ['Established', ['Greater Cambridge sub-group']],
        ['Replaced', ['Community Wellbeing Board Cambridgeshire Health and Wellbeing Board']],
      ],
    );
  });

  it('counts changes on the first and last days of the period, and a merger with what it merged into', () => {
    const { inPeriod } = landscapeChanges(EVENTS, names, { start: '2010-01-01', end: '2010-11-23' });
    assert.deepEqual(
      inPeriod.find((g) => g.kind === 'merged_into')!.changes.map((c) => [c.name, c.related]),
      [['Stronger Communities Partnership', 'Safer and Stronger Communities Partnership']],
    );
    assert.equal(inPeriod.find((g) => g.kind === 'decommissioned')!.changes.length, 3);
    assert.deepEqual(landscapeChanges([], names, PERIOD), { inPeriod: [], expected: [] });
  });
});

const COUNCIL = 'city';
const appt = (o: Partial<AppointmentRow> & Pick<AppointmentRow, 'personId' | 'name' | 'role'>): AppointmentRow => ({
  partnershipId: 'lep',
  kind: 'officer',
  post: null,
  portfolio: null,
  organisationId: COUNCIL,
  onBehalfOfId: null,
  startDate: null,
  endDate: null,
  ...o,
});

describe("the council's representatives on a date (seed 002: the Leader on the LEP Board, the Chief Executive its lead officer)", () => {
  const rows = [
    appt({ personId: 'leader', name: 'Cllr A Leader', role: 'member', kind: 'councillor', portfolio: 'Leader of the Council', startDate: '2011-05-19' }),
    appt({
      personId: 'leader',
      name: 'Cllr A Leader',
      role: 'council_representative',
      kind: 'councillor',
      portfolio: 'Leader of the Council',
      startDate: '2011-05-19',
    }),
    appt({ personId: 'ce', name: 'B Chief', role: 'lead_officer', post: 'Chief Executive' }),
    appt({ personId: 'old', name: 'Cllr C Former', role: 'member', kind: 'councillor', endDate: '2011-05-18' }),
    appt({ personId: 'chair', name: 'Neville Reyner', role: 'chair', kind: 'partner_representative', organisationId: 'lep-body' }),
    // Someone from another organisation sitting on the council's behalf counts; the council's officer sitting for another does not.
    appt({ personId: 'proxy', name: 'D Proxy', role: 'member', organisationId: 'county', onBehalfOfId: COUNCIL }),
    appt({ personId: 'lent', name: 'E Lent', role: 'member', onBehalfOfId: 'county' }),
  ];
  it('chooses those appointed on the date, for the council, one line per person with their roles', () => {
    const r = representativesAt(rows, COUNCIL, '2011-10-10');
    assert.deepEqual(r.members, [{ name: 'Cllr A Leader', post: 'Leader of the Council', roles: ['Member', 'Council representative'] }]);
    assert.deepEqual(
      r.officers.map((o) => [o.name, o.post, o.roles]),
      [
        ['B Chief', 'Chief Executive', ['Lead officer']],
        ['D Proxy', '', ['Member']],
      ],
    );
  });
  it('counts an appointment starting or ending on the date', () => {
    assert.deepEqual(
      representativesAt(rows, COUNCIL, '2011-05-18').members.map((m) => m.name),
      ['Cllr C Former'],
    );
    assert.deepEqual(
      representativesAt(rows, COUNCIL, '2011-05-19').members.map((m) => m.name),
      ['Cllr A Leader'],
    );
  });
  it("without a council set, counts the roles only the council's people hold", () => {
    const r = representativesAt(rows, null, '2011-10-10');
    assert.deepEqual([...r.members, ...r.officers].map((p) => p.name).sort(), ['B Chief', 'Cllr A Leader']);
  });
});

describe('sub-groups on a date (seed 002, 6.9: the LEP sub-groups proposed on 15 September 2011)', () => {
  const lines: ReportingLineRow[] = [
    { partnershipId: 'clean', parentId: 'lep', startDate: null, endDate: null },
    { partnershipId: 'gc', parentId: 'lep', startDate: null, endDate: null },
    { partnershipId: 'gcp', parentId: 'ct', startDate: null, endDate: null },
    { partnershipId: 'trust', parentId: 'ct', startDate: null, endDate: '2010-11-23' },
  ];
  it('lists active sub-groups and those recorded as to be established, with when', () => {
    assert.deepEqual(subGroupsAt('lep', lines, EVENTS, names, '2011-10-10'), [
      { id: 'clean', name: 'Cleantech sub-group', expectedFrom: null, expectedPrecision: 'day' },
      { id: 'gc', name: 'Greater Cambridge sub-group', expectedFrom: '2012-01-01', expectedPrecision: 'year' },
    ]);
  });
  it('leaves out sub-groups that have ended or no longer report to it', () => {
    assert.deepEqual(subGroupsAt('ct', lines, EVENTS, names, '2011-10-10'), []);
    assert.deepEqual(
      subGroupsAt('ct', lines, EVENTS, names, '2010-11-01').map((g) => g.name),
      ["Cambridgeshire Children's Trust", 'Greater Cambridge Partnership'],
    );
  });
});

describe('contributions by year (seed 002: £23,470 to Horizons, £8,000 a year to the LEP)', () => {
  it('groups by financial year and totals what is agreed or paid', () => {
    const years = contributionsByYear([
      {
        partnershipId: 'lep',
        organisationId: COUNCIL,
        organisationName: 'Cambridge City Council',
        financialYear: 2011,
        amountPence: 800000,
        status: 'agreed',
        kind: 'cash',
      },
      {
        partnershipId: 'lep',
        organisationId: 'x',
        organisationName: 'Another Council',
        financialYear: 2011,
        amountPence: 500000,
        status: 'proposed',
        kind: 'cash',
      },
      {
        partnershipId: 'lep',
        organisationId: COUNCIL,
        organisationName: 'Cambridge City Council',
        financialYear: 2012,
        amountPence: 800000,
        status: 'paid',
        kind: 'cash',
      },
    ]);
    assert.deepEqual(
      years.map((y) => [y.label, y.committedPence, y.contributions.length]),
      [
        ['2011/12', 800000, 2],
        ['2012/13', 800000, 1],
      ],
    );
  });
});

describe("a review's dates", () => {
  it('accepts seed 002’s period and report date', () => {
    assert.deepEqual(checkReviewDates({ periodStart: '2010-10-01', periodEnd: '2011-09-30', reportDate: '2011-10-10' }), {});
  });
  it('refuses dates that are not real, a period ending before it starts or over two years long, and a report dated before the period', () => {
    assert.deepEqual(Object.keys(checkReviewDates({ periodStart: '2011-02-30', periodEnd: '', reportDate: '10/10/2011' })), [
      'periodStart',
      'periodEnd',
      'reportDate',
    ]);
    assert.match(checkReviewDates({ periodStart: '2011-10-01', periodEnd: '2011-09-30', reportDate: '2011-10-10' }).periodEnd!, /on or after its first day/);
    assert.match(checkReviewDates({ periodStart: '2008-10-01', periodEnd: '2011-09-30', reportDate: '2011-10-10' }).periodEnd!, /no longer than two years/);
    assert.match(checkReviewDates({ periodStart: '2010-10-01', periodEnd: '2011-09-30', reportDate: '2010-09-30' }).reportDate!, /on or after the first day/);
  });
});

describe('background papers are numbered as seed 002 numbers them', () => {
  it('i), ii), iii) and on', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 14].map(roman), ['i', 'ii', 'iii', 'iv', 'ix', 'xiv']);
  });
});
