// The demo minutes (seed 004: minutes of the Communities and Partnership Committee, 17 April 2018, and
// their minutes action log) must hang together with the demo meetings and register: every key
// resolves, the minutes are numbered 50..58 against the 17 April agenda, votes fit the members
// present, and no real contact details leak in. See demo/minutes-notes.md for the judgements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VOTING_CATEGORIES, voteProblems } from '../../src/minutes/rules.ts';

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(demoDir, file), 'utf8')) as T;

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
interface Attendance {
  personKey: string | null;
  name: string | null;
  category: string;
  substituteForKey: string | null;
  note: string | null;
}
interface Declaration {
  itemTitle: string | null;
  personKey: string;
  kind: string;
  description: string;
}
interface Resolution {
  text: string;
  outcome: 'unanimous' | 'majority' | 'noted' | 'lost';
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  keyDecisionRef: string | null;
}
interface Minute {
  number: number;
  itemTitle: string;
  title: string;
  discussion: string;
  withdrawn: boolean;
  resolutions: Resolution[];
}
interface MinutesMeeting {
  bodyKey: string;
  date: string;
  lastMinuteNumberBefore: number;
  attendance: Attendance[];
  declarations: Declaration[];
  minutes: Minute[];
  minutesState: string;
  approvedAtMeetingDate: string;
}
interface Action {
  bodyKey: string;
  meetingDate: string;
  minuteNumber: number | null;
  reportTitle: string;
  ownerKey: string | null;
  ownerName: string;
  description: string;
  comments: string;
  status: string;
  dueDate: string | null;
}
interface DemoMinutes {
  people: Person[];
  meetings: MinutesMeeting[];
  actions: Action[];
}
interface DemoMeetings {
  people: Person[];
  bodies: { key: string }[];
  meetings: { bodyKey: string; date: string; kind: string; items: { title: string }[] }[];
}
interface Register {
  organisations: { key: string }[];
  people: Person[];
}

const minutesData = readJson<DemoMinutes>('minutes.json');
const meetingsData = readJson<DemoMeetings>('meetings.json');
const register = readJson<Register>('register.json');

const allPeople = [...register.people, ...meetingsData.people, ...minutesData.people];
const personKeys = new Set(allPeople.map((p) => p.key));
const bodyKeys = new Set(meetingsData.bodies.map((b) => b.key));
const COMMITTEE = 'communities-and-partnership-committee';
const meeting = minutesData.meetings.find((m) => m.bodyKey === COMMITTEE && m.date === '2018-04-17');
const agenda = meetingsData.meetings.find((m) => m.bodyKey === COMMITTEE && m.date === '2018-04-17' && m.kind === 'formal');

const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const votingPresent = (m: MinutesMeeting) => m.attendance.filter((a) => (VOTING_CATEGORIES as readonly string[]).includes(a.category)).length;

test('the file has the three top-level arrays and one 17 April 2018 meeting', () => {
  assert.deepEqual(Object.keys(minutesData).sort(), ['actions', 'meetings', 'people']);
  assert.equal(minutesData.meetings.filter((m) => m.bodyKey === COMMITTEE).length, 1);
  assert.ok(meeting, 'the 17 April 2018 minutes are present');
  assert.ok(agenda, 'meetings.json holds the 17 April 2018 formal meeting');
  assert.equal(meeting.lastMinuteNumberBefore, 49);
  assert.equal(meeting.minutesState, 'approved');
  assert.equal(meeting.approvedAtMeetingDate, '2018-05-31');
  const approvingMeeting = meetingsData.meetings.find((m) => m.bodyKey === COMMITTEE && m.date === '2018-05-31');
  assert.ok(approvingMeeting?.items.some((i) => i.title === 'Minutes 17th April 2018 - Communities and Partnership Committee'));
});

test('new people have unique keys, known organisations and valid kinds', () => {
  const keys = allPeople.map((p) => p.key);
  assert.equal(new Set(keys).size, keys.length, 'no person key is reused across register, meetings and minutes');
  const organisationKeys = new Set(register.organisations.map((o) => o.key));
  for (const p of minutesData.people) {
    assert.ok(['councillor', 'officer', 'partner_representative'].includes(p.kind), p.key);
    if (p.organisationKey) assert.ok(organisationKeys.has(p.organisationKey), `${p.key}: ${p.organisationKey}`);
    if (p.honorificPrefix !== undefined) assert.equal(p.honorificPrefix, 'Councillor');
    if (p.phone) assert.match(p.phone, /^01632 9604\d\d$/, `${p.key}: new people take phones 01632 960400-960499`);
  }
});

test('every personKey, ownerKey, substituteForKey and bodyKey resolves', () => {
  for (const m of minutesData.meetings) {
    assert.ok(bodyKeys.has(m.bodyKey), m.bodyKey);
    for (const a of m.attendance) {
      if (a.personKey !== null) assert.ok(personKeys.has(a.personKey), `attendance ${a.personKey}`);
      else assert.ok(a.name, 'an attendee without a key has a name');
      if (a.substituteForKey !== null) assert.ok(personKeys.has(a.substituteForKey), `substitute for ${a.substituteForKey}`);
      assert.ok(['present', 'apologies', 'substitute', 'absent', 'officer', 'other'].includes(a.category), a.category);
    }
    for (const d of m.declarations) assert.ok(personKeys.has(d.personKey), `declaration ${d.personKey}`);
  }
  for (const a of minutesData.actions) {
    assert.ok(bodyKeys.has(a.bodyKey), a.bodyKey);
    if (a.ownerKey !== null) {
      assert.ok(personKeys.has(a.ownerKey), `action owner ${a.ownerKey}`);
      assert.equal(allPeople.find((p) => p.key === a.ownerKey)?.name, a.ownerName);
    }
  }
});

test('attendance: the substitute for Tierney is present, nobody is listed twice', () => {
  assert.ok(meeting);
  const sub = meeting.attendance.filter((a) => a.category === 'substitute');
  assert.equal(sub.length, 1);
  assert.equal(sub[0]?.personKey, 'ambrose-smith');
  assert.equal(sub[0]?.substituteForKey, 'steve-tierney');
  assert.match(sub[0]?.note ?? '', /substituting for Cllr Tierney/);
  for (const a of meeting.attendance) if (a.category !== 'substitute') assert.equal(a.substituteForKey, null);
  const keyed = meeting.attendance.filter((a) => a.personKey !== null).map((a) => a.personKey);
  assert.equal(new Set(keyed).size, keyed.length);
  assert.equal(votingPresent(meeting), 8, 'seven councillors present plus one substitute');
  const apologies = meeting.attendance
    .filter((a) => a.category === 'apologies')
    .map((a) => a.personKey)
    .sort();
  assert.deepEqual(apologies, ['simone-taylor', 'steve-tierney']);
});

test('minute numbers are 50..58, consecutive and unique, following lastMinuteNumberBefore', () => {
  assert.ok(meeting);
  const numbers = meeting.minutes.map((m) => m.number);
  assert.deepEqual(numbers, [50, 51, 52, 53, 54, 55, 56, 57, 58]);
  assert.equal(new Set(numbers).size, numbers.length);
  assert.equal(numbers[0], meeting.lastMinuteNumberBefore + 1);
});

test('every itemTitle is an agenda item title of the 17 April 2018 meeting, each used once', () => {
  assert.ok(meeting && agenda);
  const titles = new Set(agenda.items.map((i) => i.title));
  for (const m of meeting.minutes) assert.ok(titles.has(m.itemTitle), `minute ${m.number}: ${m.itemTitle}`);
  assert.equal(new Set(meeting.minutes.map((m) => m.itemTitle)).size, meeting.minutes.length);
  assert.deepEqual(
    meeting.minutes.map((m) => m.itemTitle),
    agenda.items.map((i) => i.title),
    'minutes follow agenda order',
  );
  for (const d of meeting.declarations) if (d.itemTitle !== null) assert.ok(titles.has(d.itemTitle), d.itemTitle);
});

test('minute text is plain: no markdown markup, no upper-case headings, no empty titles', () => {
  assert.ok(meeting);
  for (const m of meeting.minutes) {
    assert.ok(m.title.trim().length > 0);
    assert.notEqual(m.title, m.title.toUpperCase(), `minute ${m.number} title is not in capitals`);
    assert.doesNotMatch(m.discussion, /\*\*|\]\(|\n\n\n/, `minute ${m.number}`);
    assert.equal(m.withdrawn, false);
  }
  assert.deepEqual(meeting.declarations, [], 'minute 50 records no declarations and none are made later');
});

test('votes: majority resolutions have votesFor and never exceed the members present', () => {
  assert.ok(meeting);
  const present = votingPresent(meeting);
  let majorities = 0;
  for (const m of meeting.minutes) {
    for (const r of m.resolutions) {
      assert.ok(['unanimous', 'majority', 'noted', 'lost'].includes(r.outcome));
      assert.doesNotMatch(r.text, /^[a-z]\)\s/, 'the resolution letter is not part of the text');
      const total = (r.votesFor ?? 0) + (r.votesAgainst ?? 0) + (r.abstentions ?? 0);
      assert.ok(total <= present, `minute ${m.number}: ${total} votes > ${present} present`);
      if (r.outcome === 'majority') {
        majorities++;
        assert.notEqual(r.votesFor, null, `minute ${m.number}: majority without votesFor`);
        assert.ok((r.votesFor ?? 0) > (r.votesAgainst ?? 0));
      }
      assert.deepEqual(voteProblems(r, present), {}, `minute ${m.number}: ${r.text}`);
    }
  }
  assert.equal(majorities, 1, 'only minute 56(b) was decided on a counted vote');
  const fenland = meeting.minutes.find((m) => m.number === 56)?.resolutions.find((r) => r.outcome === 'majority');
  assert.deepEqual([fenland?.votesFor, fenland?.votesAgainst, fenland?.abstentions], [7, 0, 1]);
});

test('action log: one row per lettered action of minute 52, statuses as printed', () => {
  assert.equal(minutesData.actions.length, 5);
  for (const a of minutesData.actions) {
    assert.equal(a.meetingDate, '2018-04-17');
    assert.ok(isoDate(a.meetingDate));
    assert.ok(a.dueDate === null || isoDate(a.dueDate));
    assert.ok(['ongoing', 'completed'].includes(a.status));
    assert.ok(a.minuteNumber === null || meeting?.minutes.some((m) => m.number === a.minuteNumber), `minute ${a.minuteNumber}`);
    assert.ok(a.description.length > 0 && a.comments.length > 0);
  }
  assert.deepEqual(
    minutesData.actions.map((a) => a.status),
    ['ongoing', 'ongoing', 'ongoing', 'ongoing', 'completed'],
  );
});

test('no e-mail address outside example.org and no real phone numbers', () => {
  const raw = readFileSync(path.join(demoDir, 'minutes.json'), 'utf8');
  const emails = raw.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [];
  for (const e of emails) assert.match(e, /@example\.org$/, e);
  for (const p of minutesData.people) assert.match(p.email, /@example\.org$/);
  assert.doesNotMatch(raw, /cambridgeshire\.gov\.uk/);
  assert.doesNotMatch(raw, /01223|01487/);
});
