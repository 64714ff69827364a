// The demo meetings (seed 004: Communities and Partnership Committee, Cambridgeshire County Council,
// papers for 31 May 2018) must hang together: every key resolves, dates are real, the 31 May agenda is
// the front sheet's, reports fit the template, membership over time gives the printed committee, and
// no real contact details leak in. See demo/meetings-notes.md for the judgements behind the data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPORATE_PRIORITIES, IMPLICATIONS, clearanceProblems, type ReportContent } from '../../src/meetings/report-template.ts';

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo');

interface Person {
  key: string;
  name: string;
  honorificPrefix?: string;
  kind: string;
  organisationKey?: string;
  post?: string;
  party?: string;
  email: string;
  phone?: string;
}
interface Member {
  personKey: string;
  role: string;
  politicalGroup: string | null;
  startDate: string | null;
  endDate: string | null;
  appointedBy: string | null;
  note: string | null;
}
interface Role {
  title: string;
  areaKey: string | null;
  personKey: string | null;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
}
interface Body {
  key: string;
  name: string;
  kind: string;
  organisationKey: string | null;
  partnershipKey: null;
  termsOfReference: string;
  quorum: number | null;
  draftReportClearDays: number;
  despatchClearDays: number;
  defaultVenue: string;
  defaultStartTime: string | null;
  clerk: { name: string; phone: string; email: string } | null;
  publicNotes: string[];
  members: Member[];
  roles: Role[];
}
interface Item {
  section: string | null;
  title: string;
  purpose: string;
  leadOfficers: string;
  keyDecisionRef: string | null;
  exemptParagraph: number | null;
  description: string;
  startTime: string | null;
  report: ReportContent | null;
  reportStatus: 'draft' | 'published' | null;
}
interface Meeting {
  bodyKey: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  venue: string;
  kind: string;
  status: string;
  isPublic: boolean;
  title: string | null;
  plannedDraftDeadline: string | null;
  plannedDespatch: string | null;
  agendaPublishedOn: string | null;
  items: Item[];
}
interface DemoMeetings {
  people: Person[];
  bodies: Body[];
  meetings: Meeting[];
}
interface Register {
  areas: { key: string }[];
  organisations: { key: string }[];
  people: Person[];
}

const data = JSON.parse(readFileSync(path.join(demoDir, 'meetings.json'), 'utf8')) as DemoMeetings;
const register = JSON.parse(readFileSync(path.join(demoDir, 'register.json'), 'utf8')) as Register;

const personKeys = new Set([...register.people, ...data.people].map((p) => p.key));
const areaKeys = new Set(register.areas.map((a) => a.key));
const organisationKeys = new Set(register.organisations.map((o) => o.key));
const bodyKeys = new Set(data.bodies.map((b) => b.key));
const committee = data.bodies.find((b) => b.key === 'communities-and-partnership-committee');
const may31 = data.meetings.find((m) => m.date === '2018-05-31' && m.kind === 'formal');

/** Half-open ranges: a start date is the first day in post, an end date the first day no longer in post. */
const currentOn = (x: { startDate: string | null; endDate: string | null }, date: string) =>
  (x.startDate === null || x.startDate <= date) && (x.endDate === null || date < x.endDate);

const isIsoDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** Every string anywhere in a value, with the path to it. */
function* strings(value: unknown, at = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

const reports = () => data.meetings.flatMap((m) => m.items.filter((i) => i.report).map((i) => ({ meeting: m, item: i, report: i.report! })));

test('every key resolves', () => {
  for (const p of data.people) {
    assert.ok(!register.people.some((r) => r.key === p.key), `${p.key} is already in register.json`);
    if (p.organisationKey) assert.ok(organisationKeys.has(p.organisationKey), `${p.key}: unknown organisation ${p.organisationKey}`);
  }
  assert.equal(new Set(data.people.map((p) => p.key)).size, data.people.length, 'people keys are unique');
  for (const b of data.bodies) {
    if (b.organisationKey) assert.ok(organisationKeys.has(b.organisationKey), `${b.key}: unknown organisation ${b.organisationKey}`);
    for (const m of b.members) assert.ok(personKeys.has(m.personKey), `${b.key}: unknown member ${m.personKey}`);
    for (const r of b.roles) {
      if (r.personKey) assert.ok(personKeys.has(r.personKey), `${b.key}: unknown role holder ${r.personKey}`);
      if (r.areaKey) assert.ok(areaKeys.has(r.areaKey), `${b.key}: unknown area ${r.areaKey}`);
    }
  }
  for (const m of data.meetings) assert.ok(bodyKeys.has(m.bodyKey), `${m.date}: unknown body ${m.bodyKey}`);
});

test('dates are valid ISO dates and times are HH:MM', () => {
  for (const b of data.bodies) {
    if (b.defaultStartTime) assert.ok(isTime(b.defaultStartTime));
    for (const x of [...b.members, ...b.roles]) {
      for (const d of [x.startDate, x.endDate]) if (d !== null) assert.ok(isIsoDate(d), `bad date ${d}`);
      if (x.startDate && x.endDate) assert.ok(x.startDate < x.endDate, `${x.startDate} is not before ${x.endDate}`);
    }
  }
  for (const m of data.meetings) {
    assert.ok(isIsoDate(m.date), `bad meeting date ${m.date}`);
    for (const d of [m.plannedDraftDeadline, m.plannedDespatch, m.agendaPublishedOn]) {
      if (d !== null) {
        assert.ok(isIsoDate(d), `${m.date}: bad date ${d}`);
        assert.ok(d < m.date, `${m.date}: ${d} is not before the meeting`);
      }
    }
    for (const t of [m.startTime, m.endTime, ...m.items.map((i) => i.startTime)]) if (t !== null) assert.ok(isTime(t), `${m.date}: bad time ${t}`);
    if (m.startTime && m.endTime) assert.ok(m.startTime < m.endTime, `${m.date}: ends before it starts`);
  }
});

test('meetings: no duplicates, workshops are private, reserve dates used as workshops are one meeting', () => {
  const seen = new Set<string>();
  for (const m of data.meetings) {
    const key = `${m.bodyKey} ${m.date} ${m.startTime ?? ''} ${m.kind}`;
    assert.ok(!seen.has(key), `duplicate meeting ${key}`);
    seen.add(key);
    if (m.kind === 'workshop') assert.equal(m.isPublic, false, `${m.date} workshop is private`);
    if (m.kind === 'formal') assert.equal(m.isPublic, true, `${m.date} committee meeting is public`);
    assert.equal(m.status, m.date <= '2018-05-31' ? 'held' : 'scheduled', `${m.date} status`);
  }
  assert.equal(data.meetings.filter((m) => m.date === '2018-05-31').length, 1, '31 May 2018 appears once');
  const reserveWorkshops = {
    '2018-06-21': ['Reserve date to be used as workshop', '2018-06-08', '2018-06-13'],
    '2018-08-09': ['Reserve date', '2018-07-27', '2018-07-31'],
    '2019-02-14': ['Reserve date to be used as workshop', '2019-02-01', '2019-02-06'],
    '2019-04-25': ['Reserve to be used as training workshop', '2019-04-12', '2019-04-17'],
  };
  for (const [date, [title, draft, despatch]] of Object.entries(reserveWorkshops)) {
    const onDay = data.meetings.filter((m) => m.date === date);
    assert.equal(onDay.length, 1, `${date}: one meeting`);
    const [m] = onDay;
    assert.equal(m?.kind, 'workshop');
    assert.equal(m?.title, title);
    assert.equal(m?.plannedDraftDeadline, draft);
    assert.equal(m?.plannedDespatch, despatch);
    assert.ok((m?.items.length ?? 0) > 0, `${date}: workshop items`);
  }
  const formal = data.meetings.filter((m) => m.kind === 'formal' && m.bodyKey === 'communities-and-partnership-committee').map((m) => m.date);
  assert.deepEqual(formal, [
    '2018-04-17',
    '2018-05-31',
    '2018-07-05',
    '2018-09-27',
    '2018-10-18',
    '2018-11-08',
    '2018-12-20',
    '2019-01-17',
    '2019-03-07',
    '2019-05-30',
  ]);
  const jul5 = data.meetings.find((m) => m.date === '2018-07-05');
  assert.equal(jul5?.items[0]?.keyDecisionRef, '2018/052');
  assert.equal(data.meetings.find((m) => m.date === '2019-05-30')?.items[0]?.keyDecisionRef, 'To be confirmed');
});

test('the 31 May 2018 agenda is the front sheet: 12 items in order', () => {
  assert.ok(may31, 'the 31 May 2018 meeting exists');
  assert.equal(may31.startTime, '14:00');
  assert.equal(may31.venue, 'Room 128, Shire Hall, Castle Hill, Cambridge, CB3 0AP');
  assert.equal(may31.agendaPublishedOn, '2018-05-22');
  assert.deepEqual(
    may31.items.map((i) => i.title),
    [
      'Notification of Appointments of Chairman and Vice Chairman and Changes of Membership',
      'Apologies for absence and declarations of interest',
      'Minutes 17th April 2018 - Communities and Partnership Committee',
      'Petitions and Public Questions',
      'Community Resilience Strategy Principles - Working with the Cambridgeshire County Council Service Committees',
      'Integrated Communities Strategy Green Paper',
      'Shared and Integrated Services Update for CP Committee',
      'Domestic Abuse and Sexual Violence Strategy Update',
      'Finance and Performance Report - Outturn 2017-18',
      'Communities & Partnership Committee Agenda Plan, Workshop Plan & Outside Bodies appointments',
      'Area Champions Oral Updates',
      'Date of Next Meeting - 5th July',
    ],
  );
  assert.deepEqual(
    may31.items.map((i) => i.section),
    [null, null, null, null, 'DECISIONS', null, null, null, null, null, null, null],
  );
  assert.equal(may31.items[10]?.purpose, 'oral_update');
  assert.deepEqual(
    may31.items.map((i) => i.report !== null),
    [false, false, false, false, true, true, true, true, true, true, false, false],
  );
});

test('reports fit the template', () => {
  assert.equal(reports().length, 6);
  for (const { item, report } of reports()) {
    assert.equal(report.alignment.length, CORPORATE_PRIORITIES.length, `${item.title}: alignment`);
    assert.deepEqual(Object.keys(report.implications).sort(), IMPLICATIONS.map((i) => i.key).sort(), `${item.title}: implications`);
    assert.deepEqual(Object.keys(report.clearances).sort(), IMPLICATIONS.map((i) => i.key).sort(), `${item.title}: clearances`);
    assert.equal(Object.keys(report.implications).length, 7);
    assert.equal(Object.keys(report.clearances).length, 7);
    assert.ok(report.title && report.from && report.purpose, `${item.title}: header`);
    assert.ok(report.background.length > 0 && report.mainIssues.length > 0, `${item.title}: body`);
    assert.ok(report.officerContacts.length > 0, `${item.title}: officer contact`);
    assert.ok(item.reportStatus === 'draft' || item.reportStatus === 'published');
    for (const r of report.recommendations) assert.doesNotMatch(r, /^\(?[a-z]\)/, `${item.title}: recommendation keeps its letter`);
  }
});

test('published reports pass the clearance rule; the DASV report does not', () => {
  for (const { item, report } of reports()) {
    if (item.reportStatus === 'published') assert.deepEqual(clearanceProblems(report), [], `${item.title} is published but not cleared`);
  }
  const dasv = reports().find((r) => r.item.title === 'Domestic Abuse and Sexual Violence Strategy Update');
  assert.ok(dasv);
  assert.equal(dasv.item.reportStatus, 'draft');
  assert.deepEqual(
    clearanceProblems(dasv.report).map((p) => p.key),
    ['resource'],
  );
  assert.equal(dasv.report.clearances.resource?.status, 'cleared');
  assert.equal(dasv.report.clearances.resource?.officer, '');
});

test('ten committee members on 31 May 2018, from the dated membership', () => {
  assert.ok(committee);
  const on = (date: string) => committee.members.filter((m) => m.role !== 'substitute' && m.role !== 'observer' && currentOn(m, date));
  const names = (ms: Member[]) => ms.map((m) => [...register.people, ...data.people].find((p) => p.key === m.personKey)?.name ?? m.personKey).sort();
  const current = on('2018-05-31');
  assert.deepEqual(names(current), [
    'Adela Costello',
    'Claire Richards',
    'Ian Manning',
    'Janet French',
    'Kevin Cuffley',
    'Lina Joseph',
    'Lis Every',
    'Lorna Dupre',
    'Steve Criswell',
    'Tom Sanderson',
  ]);
  assert.deepEqual(
    current.filter((m) => m.role === 'chair').map((m) => m.personKey),
    ['steve-criswell'],
  );
  assert.deepEqual(
    current.filter((m) => m.role === 'vice_chair').map((m) => m.personKey),
    ['kevin-cuffley'],
  );
  // Before Annual Council: Meschini and Taylor, not Richards and Sanderson; French had replaced Tierney.
  const apr17 = on('2018-04-17').map((m) => m.personKey);
  assert.equal(apr17.length, 10);
  for (const k of ['elisa-meschini', 'simone-taylor', 'janet-french']) assert.ok(apr17.includes(k), `${k} on 17 April 2018`);
  for (const k of ['claire-richards', 'tom-sanderson', 'steve-tierney']) assert.ok(!apr17.includes(k), `${k} not on 17 April 2018`);
  assert.ok(committee.members.some((m) => m.personKey === 'simone-taylor' && m.role === 'substitute' && currentOn(m, '2018-05-31')));
  for (const m of current) assert.ok(m.politicalGroup === null || ['Con', 'Lib Dem', 'Lab'].includes(m.politicalGroup));
});

test('five Area Champion roles on 31 May 2018, with the South Cambridgeshire vacancy', () => {
  assert.ok(committee);
  const current = committee.roles.filter((r) => currentOn(r, '2018-05-31'));
  assert.deepEqual(current.map((r) => r.areaKey).sort(), ['cambridge', 'east-cambridgeshire', 'fenland', 'huntingdonshire', 'south-cambridgeshire']);
  const vacant = current.filter((r) => r.personKey === null);
  assert.deepEqual(
    vacant.map((r) => r.areaKey),
    ['south-cambridgeshire'],
  );
  assert.ok(vacant[0]?.note, 'the vacancy says why');
  const holder = (area: string, date: string) => committee.roles.find((r) => r.areaKey === area && currentOn(r, date))?.personKey;
  assert.equal(holder('cambridge', '2018-05-31'), 'claire-richards');
  assert.equal(holder('fenland', '2018-05-31'), 'janet-french');
  assert.equal(holder('cambridge', '2018-04-17'), 'elisa-meschini');
  // No area has two role holders at once.
  for (const area of areaKeys) {
    for (const r of committee.roles.filter((x) => x.areaKey === area)) {
      for (const day of [r.startDate, r.endDate].filter((d): d is string => d !== null)) {
        assert.ok(committee.roles.filter((x) => x.areaKey === area && currentOn(x, day)).length <= 1, `${area} overlaps on ${day}`);
      }
    }
  }
});

test('no real contact details: example.org e-mails and Ofcom drama numbers only', () => {
  const registerPhones = new Set(register.people.map((p) => p.phone));
  const personPhones = data.people.map((p) => p.phone).filter((p): p is string => Boolean(p));
  assert.equal(new Set(personPhones).size, personPhones.length, 'phone numbers are unique');
  for (const p of data.people) {
    assert.match(p.email, /^[a-z.-]+@example\.org$/, `${p.key} e-mail`);
    if (p.phone) {
      assert.match(p.phone, /^01632 960[23]\d\d$/, `${p.key} phone is in 01632 960200-960399`);
      assert.ok(!registerPhones.has(p.phone), `${p.key} reuses a register number`);
    }
  }
  for (const [at, s] of strings(data)) {
    for (const email of s.match(/[\w.+-]+@[\w.-]+\.[a-z]{2,}/gi) ?? []) assert.match(email, /@example\.org$/, `${at}: ${email}`);
    if (/\.(phone)$/.test(at) || /phone/i.test(at)) assert.match(s, /^01632 960\d{3}$/, `${at}: ${s}`);
    assert.doesNotMatch(s, /\b0(1223|1733|1487|1480|300)\s?\d/, `${at} holds a real phone number`);
  }
  assert.ok(committee?.clerk);
  assert.equal(committee.clerk.name, 'Rob Sanderson');
});
