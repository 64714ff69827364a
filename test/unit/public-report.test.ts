// A report written in the template as the public read it on the web (issue 17): the same content, numbering and
// defaults as its PDF, after seed 004's Community Resilience report (31 May 2018, item 4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportPage } from '../../src/meetings/public-report.ts';
import { emptyReport, IMPLICATIONS, NO_PRIORITY_IMPLICATIONS, NO_SIGNIFICANT_IMPLICATIONS } from '../../src/meetings/report-template.ts';

function resilience() {
  const r = emptyReport('Community Resilience Strategy Principles ');
  r.from = 'Sarah Ferguson, Assistant Director, Housing, Communities and Youth';
  r.purpose = 'To establish and agree the principles of community resilience to inform the development of a new strategy.';
  r.recommendations = ['To note and comment on the progress.', '  ', 'To agree the principles of community resilience.'];
  r.officerContacts = [{ name: 'Sarah Ferguson', post: 'Assistant Director', email: 'sarah.ferguson@example.gov.uk', phone: '01223 729099' }];
  r.memberContacts = [
    { name: 'Cllr Steve Criswell', post: 'Chairman', email: 'steve.criswell@example.gov.uk', phone: '01223 706385' },
    { name: ' ', post: '', email: '', phone: '' },
  ];
  r.background = ['The formation of the Committee in July 2017 has enabled a greater focus.', '', 'Examples include:\n- Creation of a new Timebank.'];
  r.mainIssues = [];
  r.alignment = ['Community resilience supports the local economy.', '', ''];
  r.implications.publicHealth = 'Building community resilience supports individuals to take responsibility for their health.';
  for (const { key } of IMPLICATIONS) r.clearances[key] = { status: 'cleared', officer: 'Tom Kelly', note: '' };
  r.clearances.equality = { status: 'not_applicable', officer: '', note: '' };
  r.sourceDocuments = [
    { title: 'Cambridgeshire County Council Strategic Framework', location: 'https://example.gov.uk/framework' },
    { title: '', location: '' },
  ];
  return r;
}

test('the page has the PDF’s header, lettered recommendations, contacts, numbered paragraphs and defaults', () => {
  const page = reportPage(resilience(), { bodyName: 'Communities and Partnership Committee', meetingDate: '2018-05-31', itemNumber: 4 });
  assert.equal(page.title, 'Community Resilience Strategy Principles');
  assert.equal(page.itemNumber, 4);
  assert.deepEqual(page.header, [
    { key: 'To', value: 'Communities and Partnership Committee' },
    { key: 'Meeting date', value: 'Thursday 31 May 2018' },
    { key: 'From', value: 'Sarah Ferguson, Assistant Director, Housing, Communities and Youth' },
    { key: 'Electoral division(s)', value: 'All' },
    { key: 'Forward Plan ref', value: 'Not applicable' },
    { key: 'Key decision', value: 'No' },
  ]);
  // Empty recommendations are not lettered, as in the PDF: a) and b).
  assert.deepEqual(page.recommendations, [
    { letter: 'a)', text: 'To note and comment on the progress.' },
    { letter: 'b)', text: 'To agree the principles of community resilience.' },
  ]);
  assert.equal(page.memberContacts.length, 1, 'an empty contact is left out');
  // Empty paragraphs are not numbered: 1.1 and 1.2; section 2 has none ("None." on the page and in the PDF).
  assert.deepEqual(
    page.sections[0]!.paragraphs.map((p) => p.number),
    ['1.1', '1.2'],
  );
  assert.equal(page.sections[0]!.paragraphs[1]!.text, 'Examples include:\n- Creation of a new Timebank.');
  assert.deepEqual(page.sections[1], { number: '2', title: 'Main issues', paragraphs: [] });
  const [alignment, implications] = page.headed;
  assert.deepEqual(
    alignment!.entries.map((e) => [e.number, e.text]),
    [
      ['3.1', 'Community resilience supports the local economy.'],
      ['3.2', NO_PRIORITY_IMPLICATIONS],
      ['3.3', NO_PRIORITY_IMPLICATIONS],
    ],
  );
  assert.equal(implications!.entries.length, 7);
  assert.deepEqual(implications!.entries[0], { number: '4.1', heading: 'Resource Implications', text: NO_SIGNIFICANT_IMPLICATIONS });
  assert.equal(implications!.entries[6]!.text, 'Building community resilience supports individuals to take responsibility for their health.');
  assert.equal(page.clearances.length, 7);
  assert.deepEqual(page.clearances[0], { question: 'Have the resource implications been cleared by Finance?', answer: 'Yes. Name of officer: Tom Kelly' });
  assert.equal(page.clearances[3]!.answer, 'Not applicable');
  assert.deepEqual(page.sourceDocuments, [{ title: 'Cambridgeshire County Council Strategic Framework', location: 'https://example.gov.uk/framework' }]);
});

test('a report written with the council’s own implications sections prints those, as its PDF does', () => {
  const content = resilience();
  content.sections = [
    {
      key: 'resource',
      heading: 'Resource Implications',
      question: 'Have the resource implications been cleared by Finance?',
      clearedBy: 'Finance',
      clearanceRequired: true,
      defaultText: '',
    },
    {
      key: 'climate',
      heading: 'Climate Change Implications',
      question: '',
      clearedBy: '',
      clearanceRequired: false,
      defaultText: 'No climate change implications.',
    },
  ];
  const page = reportPage(content, { bodyName: 'Communities and Partnership Committee', meetingDate: '2018-05-31', itemNumber: 4 });
  assert.deepEqual(page.headed[1]!.entries, [
    { number: '4.1', heading: 'Resource Implications', text: NO_SIGNIFICANT_IMPLICATIONS },
    { number: '4.2', heading: 'Climate Change Implications', text: 'No climate change implications.' },
  ]);
  assert.deepEqual(
    page.clearances.map((c) => c.question),
    ['Have the resource implications been cleared by Finance?'],
    'a section with no question has no clearance row',
  );
});
