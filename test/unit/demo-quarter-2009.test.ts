// Seed 001's quarter in the demo files (issue 16): the partnership boards' meetings of April–June 2009 that the
// quarterly update to Cabinet of 7 July 2009 reports, with the Care Partnership's meetings either side of the
// quarter (24 March and 30 July 2009), and the published minutes of the three meetings whose business the paper
// gives. Checked against the paper's dates and decisions; the files say nothing about how they were built.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Body {
  key: string;
  name: string;
  partnershipKey: string | null;
  termsOfReference: string;
  members: { personKey: string; role: string }[];
}
interface Meeting {
  bodyKey: string;
  date: string;
  kind: string;
  status: string;
  isPublic: boolean;
  items: { title: string }[];
}
interface Minutes {
  bodyKey: string;
  date: string;
  lastMinuteNumberBefore: number;
  minutesState: string;
  approvedAtMeetingDate?: string;
  attendance: { personKey: string | null; category: string }[];
  minutes: { number: number; itemTitle: string; discussion: string; resolutions: { text: string; outcome: string }[] }[];
}

const read = <T>(name: string) => JSON.parse(readFileSync(new URL(`../../demo/${name}`, import.meta.url), 'utf8')) as T;
const meetings = read<{ bodies: Body[]; meetings: Meeting[] }>('meetings.json');
const minutes = read<{ meetings: Minutes[] }>('minutes.json');
const register = read<{ partnerships: { key: string; name: string }[]; people: { key: string }[] }>('register.json');

const BOARDS: Record<string, [string, string]> = {
  'board-cambridgeshire-together': ['Cambridgeshire Together Board', 'cambridgeshire-together'],
  'board-cyp-steering-group': ['Children and Young People Steering Group', 'cyp-steering-group'],
  'board-cypsp': ["Children and Young People's Strategic Partnership", 'cambridgeshire-childrens-trust'],
  'board-cambridgeshire-care-partnership': ['Cambridgeshire Care Partnership', 'cambridgeshire-care-partnership'],
  'board-community-safety-strategic-board': ['Community Safety Strategic Partnership Board', 'community-safety-strategic-board'],
  'board-greater-cambridge-partnership': ['Greater Cambridge Partnership Board', 'greater-cambridge-partnership'],
};
// Seed 001: 1.4 (27 May), 2.4 (20 and 22 May), 3.3 (24 March, and 30 July next), 5.4 (28 April), 6.5 (23 April).
const DATES: Record<string, string[]> = {
  'board-cambridgeshire-together': ['2009-05-27'],
  'board-cyp-steering-group': ['2009-05-20'],
  'board-cypsp': ['2009-05-22'],
  'board-cambridgeshire-care-partnership': ['2009-03-24', '2009-07-30'],
  'board-community-safety-strategic-board': ['2009-04-28'],
  'board-greater-cambridge-partnership': ['2009-04-23'],
};

test("each of seed 001's partnerships has its board, of the register's partnership, with terms of reference", () => {
  const partnerships = new Set(register.partnerships.map((p) => p.key));
  const people = new Set(register.people.map((p) => p.key));
  for (const [key, [name, partnershipKey]] of Object.entries(BOARDS)) {
    const b = meetings.bodies.find((x) => x.key === key);
    assert.ok(b, key);
    assert.equal(b.name, name);
    assert.equal(b.partnershipKey, partnershipKey);
    assert.ok(partnerships.has(partnershipKey), partnershipKey);
    assert.ok(b.termsOfReference.length > 40, `${key}: terms of reference`);
    for (const m of b.members) assert.ok(people.has(m.personKey), `${key}: ${m.personKey}`);
  }
  // The lead member chairs the Steering Group (2.3); the portfolio holder chairs the Community Safety Board (5.1).
  assert.deepEqual(
    meetings.bodies.find((b) => b.key === 'board-cyp-steering-group')?.members.map((m) => [m.personKey, m.role]),
    [['martin-curtis', 'chair']],
  );
  assert.deepEqual(
    meetings.bodies.find((b) => b.key === 'board-community-safety-strategic-board')?.members.map((m) => [m.personKey, m.role]),
    [['peter-brown', 'chair']],
  );
});

test('the boards met on the dates seed 001 gives: held, formal and in public', () => {
  for (const [key, dates] of Object.entries(DATES)) {
    const mine = meetings.meetings.filter((m) => m.bodyKey === key);
    assert.deepEqual(mine.map((m) => m.date).sort(), dates, key);
    for (const m of mine) {
      assert.equal(m.kind, 'formal');
      assert.equal(m.status, 'held', `${key} ${m.date}: a 2009 meeting reads as held today`);
      assert.equal(m.isPublic, true);
    }
  }
});

test('the minutes of 23 April, 28 April and 27 May 2009 are published, numbered from 1, and follow their agendas', () => {
  const of2009 = minutes.meetings.filter((m) => m.date.startsWith('2009-'));
  assert.deepEqual(of2009.map((m) => `${m.bodyKey} ${m.date}`).sort(), [
    'board-cambridgeshire-together 2009-05-27',
    'board-community-safety-strategic-board 2009-04-28',
    'board-greater-cambridge-partnership 2009-04-23',
  ]);
  for (const m of of2009) {
    assert.equal(m.minutesState, 'published');
    assert.equal(m.approvedAtMeetingDate, undefined);
    assert.equal(m.lastMinuteNumberBefore, 0);
    const agenda = meetings.meetings.find((x) => x.bodyKey === m.bodyKey && x.date === m.date);
    assert.ok(agenda);
    assert.deepEqual(
      m.minutes.map((x) => x.number),
      m.minutes.map((_, i) => i + 1),
    );
    assert.deepEqual(
      m.minutes.map((x) => x.itemTitle),
      agenda.items.map((i) => i.title),
    );
    for (const x of m.minutes) {
      assert.ok(x.discussion.trim() || x.resolutions.length, `${m.date} minute ${x.number} says something`);
      for (const r of x.resolutions) assert.ok(['unanimous', 'noted'].includes(r.outcome));
    }
  }
  const ct = of2009.find((m) => m.bodyKey === 'board-cambridgeshire-together')!;
  // 1.4 endorsed the CPSB; 1.7 backed Making Cambridgeshire Count; 1.11 agreed four things on the downturn.
  assert.match(ct.minutes[0]!.resolutions[0]!.text, /^endorse the creation of the Cambridgeshire Public Service Board/);
  assert.match(ct.minutes[1]!.resolutions[0]!.text, /Making Cambridgeshire Count/);
  assert.equal(ct.minutes[2]!.resolutions.length, 4);
  const cs = of2009.find((m) => m.bodyKey === 'board-community-safety-strategic-board')!;
  assert.ok(cs.minutes.some((x) => x.resolutions.some((r) => /four key principles and a definition of 'Need'/.test(r.text))));
});

test('the 2009 data reads as the council wrote it: no working notes', () => {
  const text = JSON.stringify([
    meetings.bodies.filter((b) => b.key in BOARDS),
    meetings.meetings.filter((m) => m.bodyKey in BOARDS),
    minutes.meetings.filter((m) => m.bodyKey in BOARDS),
  ]);
  assert.doesNotMatch(text, /\bseed\b|inferred|assum/i);
});
