// The implications sections as the council's configuration (issue 16): the clearance rule over whichever
// sections are configured (seed 004's worked example: seven categories, one pending blocks publication, not
// applicable is fine), the settings form's checks, and the seed sets the product ships.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkSections,
  DEFAULT_SECTIONS,
  keyFromHeading,
  sectionsVersion,
  type ImplicationSection,
  type SectionRowInput,
} from '../../src/meetings/implications.ts';
import { clearanceProblems, emptyReport, IMPLICATIONS, sectionsOf, type Clearance } from '../../src/meetings/report-template.ts';
import { buildAnnualReport } from '../../src/reports/annual-report.ts';
import type { ReviewContent } from '../../src/reports/annual-review.service.ts';
import { quarterlyImplications } from '../../src/reports/quarterly-report.ts';

const cleared = (officer: string): Clearance => ({ status: 'cleared', officer, note: '' });
const na: Clearance = { status: 'not_applicable', officer: '', note: '' };

describe('the clearance rule over the configured sections', () => {
  it("seed 004's worked example: seven categories, one still pending blocks publication; not applicable is fine", () => {
    const report = emptyReport('Community Resilience Strategy');
    assert.equal(IMPLICATIONS.length, 7);
    // As the 31 May 2018 reports print them: Finance, Legal, Communications... cleared by name; procurement not applicable.
    report.clearances = {
      resource: cleared('Tom Kelly'),
      procurement: na,
      legal: cleared('Fiona McMillan'),
      equality: cleared('Sarah Ferguson'),
      engagement: cleared('Matthew Hall'),
      localism: cleared('Sarah Ferguson'),
      publicHealth: { status: 'pending', officer: '', note: '' },
    };
    assert.deepEqual(
      clearanceProblems(report, IMPLICATIONS).map((p) => p.key),
      ['publicHealth'],
    );
    assert.match(clearanceProblems(report)[0]!.message, /^Public Health implications have not been cleared/);
    report.clearances.publicHealth = cleared('Val Thomas');
    assert.deepEqual(clearanceProblems(report, IMPLICATIONS), []);
    // Marked cleared with no officer named is not cleared.
    report.clearances.legal = cleared('  ');
    assert.match(clearanceProblems(report)[0]!.message, /Statutory, Legal and Risk implications are marked cleared but no officer is named/);
  });

  it('a configuration of three sections, one needing clearance: only that one blocks publication', () => {
    const sections: ImplicationSection[] = [
      { key: 'financial', heading: 'Financial Implications', question: '', clearedBy: '', clearanceRequired: false, defaultText: 'None.' },
      {
        key: 'legal',
        heading: 'Legal Implications',
        question: 'Have the legal implications been cleared by Legal?',
        clearedBy: 'Legal',
        clearanceRequired: true,
        defaultText: '',
      },
      { key: 'climate', heading: 'Climate change', question: '', clearedBy: '', clearanceRequired: false, defaultText: '' },
    ];
    const report = emptyReport('A report', sections);
    assert.deepEqual(Object.keys(report.clearances), ['financial', 'legal', 'climate']);
    assert.deepEqual(
      clearanceProblems(report, sections).map((p) => [p.key, p.message]),
      [['legal', 'Legal implications have not been cleared: record the officer who cleared them, or mark them not applicable']],
    );
    report.clearances.legal = na;
    assert.deepEqual(clearanceProblems(report, sections), []);
    // A section the report has never seen (added to the configuration since) is pending until cleared.
    const added = [...sections, { ...sections[1]!, key: 'dataProtection', heading: 'Data protection', question: 'Has the DPO cleared it?' }];
    assert.deepEqual(
      clearanceProblems(report, added).map((p) => p.message),
      ['Data protection implications have not been cleared: record the officer who cleared them, or mark them not applicable'],
    );
  });

  it('a report reads with the sections it was written with, or seed 004’s seven when it has none', () => {
    assert.equal(sectionsOf({}), IMPLICATIONS);
    const mine = [DEFAULT_SECTIONS.committee_report[0]!];
    assert.deepEqual(sectionsOf({ sections: mine }), mine);
    assert.deepEqual(clearanceProblems({ clearances: {}, sections: mine }).length, 1);
  });
});

const row = (over: Partial<SectionRowInput> = {}): SectionRowInput => ({
  key: '',
  heading: '',
  order: '',
  question: '',
  clearedBy: '',
  clearanceRequired: false,
  defaultText: '',
  remove: false,
  ...over,
});
const rowsOf = (sections: readonly ImplicationSection[]) =>
  sections.map((s, i) =>
    row({
      key: s.key,
      heading: s.heading,
      order: String(i + 1),
      question: s.question,
      clearedBy: s.clearedBy,
      clearanceRequired: s.clearanceRequired,
      defaultText: s.defaultText,
    }),
  );

describe('the settings form of one report type', () => {
  const quarterly = DEFAULT_SECTIONS.quarterly_update;
  const known = new Set(quarterly.map((s) => s.key));

  it('renames, reorders, removes and adds a section needing clearance', () => {
    const rows = rowsOf(quarterly);
    rows[2]!.heading = 'Climate change and biodiversity';
    rows[2]!.order = '1';
    rows[3]!.remove = true;
    rows.push(row({ heading: 'Data protection', clearanceRequired: true, question: 'Has the Data Protection Officer cleared it?', clearedBy: 'DPO' }));
    const { sections, errors } = checkSections(rows, known);
    assert.deepEqual(errors, {});
    assert.deepEqual(
      sections.map((s) => [s.key, s.heading]),
      [
        ['resources', 'Resources and performance information'],
        ['climate', 'Climate change and biodiversity'],
        ['statutory', 'Statutory duties requirements and partnership working'],
        ['engagement', 'Engagement and consultation'],
        ['dataProtection', 'Data protection'],
      ],
    );
    assert.equal(sections.at(-1)!.clearanceRequired, true);
  });

  it('gives every error at once, keyed by field, and an empty new row adds nothing', () => {
    const rows = rowsOf(quarterly);
    rows[0]!.heading = ' ';
    rows[1]!.order = 'first';
    rows[2]!.heading = 'Access and inclusion';
    rows[4]!.clearanceRequired = true;
    rows.push(row());
    const { errors } = checkSections(rows, known);
    assert.deepEqual(Object.keys(errors).sort(), ['heading-0', 'heading-3', 'order-1', 'question-4']);
    assert.equal(errors['heading-0'], 'Enter the heading of section 1');
    assert.match(errors['order-1']!, /as a whole number/);
    assert.match(errors['heading-3']!, /Another section is already headed “Access and inclusion”/);
    assert.match(errors['question-4']!, /Enter the clearance question of Engagement and consultation/);
  });

  it('refuses to remove every section, and a section that is no longer configured', () => {
    const all = rowsOf(quarterly).map((r) => ({ ...r, remove: true }));
    assert.match(checkSections(all, known).errors.sections!, /Keep at least one section/);
    const gone = checkSections([row({ key: 'vanished', heading: 'Gone' })], known);
    assert.match(gone.errors['heading-0']!, /no longer configured/);
  });

  it('keys a new section from its heading, never reusing a key', () => {
    assert.equal(keyFromHeading('Climate change implications', new Set()), 'climateChangeImplications');
    assert.equal(keyFromHeading('Legal', new Set(['legal'])), 'legal2');
    assert.equal(keyFromHeading('2030 targets', new Set()), 'section2030Targets');
  });

  it('fingerprints a configuration so a change made meanwhile is noticed', () => {
    const changed = quarterly.map((s, i) => (i === 0 ? { ...s, heading: 'Resources' } : s));
    assert.notEqual(sectionsVersion(quarterly), sectionsVersion(changed));
    assert.equal(sectionsVersion(quarterly), sectionsVersion(quarterly.map((s) => ({ ...s }))));
  });
});

describe('the shipped sets are the seed papers’', () => {
  it("seed 001's implications close the quarterly update, resources listing the contributions", () => {
    const printed = quarterlyImplications(DEFAULT_SECTIONS.quarterly_update, ['Contributions to Cambridgeshire Together for 2009/10: £10,000.']);
    assert.deepEqual(
      printed.map((p) => p.heading),
      [
        'Resources and performance information',
        'Statutory duties requirements and partnership working',
        'Climate change',
        'Access and inclusion',
        'Engagement and consultation',
      ],
    );
    assert.deepEqual(printed[0]!.text, ['Contributions to Cambridgeshire Together for 2009/10: £10,000.']);
    assert.deepEqual(printed[1]!.text, ['The report as a whole deals with partnership working arrangements and any statutory requirements.']);
    const renamed = quarterlyImplications([{ ...DEFAULT_SECTIONS.quarterly_update[2]!, heading: 'Climate and nature' }], []);
    assert.deepEqual(renamed, [{ heading: 'Climate and nature', text: ['There are no climate change implications arising from this report.'] }]);
  });

  it("seed 002's six for the annual review and seed 004's seven, each cleared by a named officer", () => {
    assert.deepEqual(
      DEFAULT_SECTIONS.annual_review.map((s) => s.heading),
      ['Financial Implications', 'Staffing Implications', 'Equal Opportunities Implications', 'Environmental Implications', 'Consultation', 'Community Safety'],
    );
    assert.ok(DEFAULT_SECTIONS.committee_report.every((s) => s.clearanceRequired && s.question.endsWith('?') && s.clearedBy));
    assert.deepEqual(
      DEFAULT_SECTIONS.committee_report.map((s) => s.clearedBy),
      ['Finance', 'Finance', 'Legal', 'Service Contact', 'Communications', 'Service Contact', 'Public Health'],
    );
  });

  it('the annual review prints the sections it was written with, an empty one in the wording the council configures', () => {
    const content = {
      review: {
        id: '00000000-0000-4000-8000-000000000001',
        title: 'Annual review of strategic partnerships',
        periodStart: '2010-10-01',
        periodEnd: '2011-09-30',
        reportDate: '2011-10-10',
        author: '',
        summary: '',
        recommendations: [],
        backgroundPapers: [],
        implications: [
          { heading: 'Financial Implications', text: 'Some of the partnerships are responsible for commissioning significant levels of services.' },
          { heading: 'Staffing Implications', text: '' },
          { heading: 'Consultation', text: '' },
        ],
        version: 1,
        modified: '2011-10-10',
      },
      councilSet: true,
      changes: { inPeriod: [], expected: [] },
      sections: [],
      implicationSections: [{ ...DEFAULT_SECTIONS.annual_review[1]!, defaultText: 'There are no staffing implications.' }, DEFAULT_SECTIONS.annual_review[4]!],
    } as unknown as ReviewContent;
    assert.deepEqual(buildAnnualReport(content).implications, [
      { heading: 'Financial Implications', text: ['Some of the partnerships are responsible for commissioning significant levels of services.'] },
      { heading: 'Staffing Implications', text: ['There are no staffing implications.'] },
      { heading: 'Consultation', text: [] },
    ]);
  });
});
