// The drafting rule of a partnership's quarterly summary of activity (issue 16) on seed 001's worked facts:
// the Children and Young People Steering Group and Partnership met on 20 and 22 May (2.4); the Care Partnership
// had no meeting since 24 March 2009 and meets next on 30 July 2009 (3.3); NI 32's 25% against 28% (5.7); the
// exception report for NI 8 considered by the Cambridgeshire Together Board on 27 May, estimated cost £5,000 (6.6).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ActivityFacts, draftActivity } from '../../src/reports/activity-draft.ts';

const base = (over: Partial<ActivityFacts> = {}): ActivityFacts => ({
  partnershipId: 'p1',
  partnershipName: 'Cambridgeshire Care Partnership',
  from: '2009-04-01',
  to: '2009-06-30',
  sinceLastReport: true,
  meetings: [],
  previousMeeting: null,
  nextMeeting: null,
  decisions: [],
  indicators: [],
  exceptions: [],
  events: [],
  planActions: [],
  money: [],
  ...over,
});

describe('drafting a summary of activity', () => {
  it("seed 001 (2.4): two meetings in the quarter and a decision, in the seed's words, with the sources", () => {
    const draft = draftActivity(
      base({
        partnershipName: 'Children and Young People Steering Group',
        meetings: [
          { id: 'm1', bodyName: 'Children and Young People Steering Group', meetingDate: '2009-05-20', held: true },
          { id: 'm2', bodyName: "Children and Young People's Strategic Partnership", meetingDate: '2009-05-22', held: true },
        ],
        decisions: [
          {
            meetingId: 'm2',
            minuteNumber: 14,
            title: 'Joint commissioning',
            position: 1,
            text: 'agree a jointly funded joint commissioning post',
            outcome: 'unanimous',
          },
        ],
      }),
    );
    const [first, second] = draft.text.split('\n\n');
    assert.equal(
      first,
      "Since the last report to Cabinet, the Children and Young People Steering Group met on 20 May and the Children and Young People's Strategic Partnership met on 22 May.",
    );
    assert.equal(
      second,
      "At its meeting on 22 May the Children and Young People's Strategic Partnership agreed:\n- Agree a jointly funded joint commissioning post. (minute 14a)",
    );
    assert.doesNotMatch(draft.text, /Nothing else was recorded/);
    assert.deepEqual(
      draft.sources.map((s) => s.href),
      ['/meetings/m1', '/meetings/m2', '/meetings/m2/minutes'],
    );
    assert.match(draft.sources[0]!.label, /Children and Young People Steering Group, 20 May 2009/);
  });

  it('seed 001 (3.3): no activity says so, naming the last meeting and the next', () => {
    const draft = draftActivity(
      base({
        previousMeeting: { id: 'm0', bodyName: 'Cambridgeshire Care Partnership', meetingDate: '2009-03-24', held: true },
        nextMeeting: { id: 'm9', bodyName: 'Cambridgeshire Care Partnership', meetingDate: '2009-07-30', held: false },
      }),
    );
    assert.equal(
      draft.text,
      [
        'There has been no meeting since the 24 March 2009.',
        'The next meeting of the Cambridgeshire Care Partnership is to be held on 30 July 2009.',
        'Nothing else was recorded for Cambridgeshire Care Partnership between 1 April 2009 and 30 June 2009.',
      ].join('\n\n'),
    );
    assert.deepEqual(
      draft.sources.map((s) => s.href),
      ['/meetings/m0', '/meetings/m9'],
    );
  });

  it('a first update with nothing recorded at all says so, and uses no sources', () => {
    const draft = draftActivity(base({ sinceLastReport: false }));
    assert.match(
      draft.text,
      /^There has been no meeting in the period\.\n\nNothing else was recorded for Cambridgeshire Care Partnership between 1 April 2009 and 30 June 2009\.$/,
    );
    assert.deepEqual(draft.sources, []);
  });

  it('a meeting later in the quarter that has not happened yet is "due to meet", and the window is named when there was no earlier update', () => {
    const draft = draftActivity(
      base({
        sinceLastReport: false,
        meetings: [
          { id: 'a', bodyName: 'Community Safety Strategic Partnership Board', meetingDate: '2009-04-28', held: true },
          { id: 'b', bodyName: 'Community Safety Strategic Partnership Board', meetingDate: '2009-06-29', held: false },
        ],
      }),
    );
    assert.match(draft.text, /^Between 1 April 2009 and 30 June 2009, the Community Safety Strategic Partnership Board met on 28 April\./);
    assert.match(draft.text, /The Community Safety Strategic Partnership Board is due to meet on 29 June 2009\./);
  });

  it('seed 001 (5.7, 6.6): indicator results against target with their RAG, and an exception report with its cost', () => {
    const draft = draftActivity(
      base({
        partnershipName: 'Greater Cambridge Partnership',
        indicators: [
          {
            indicatorId: 'i32',
            label: 'NI 32 Reducing repeat domestic violence incidents',
            period: '2008/09',
            value: '25%',
            target: '28%',
            rag: 'on_target',
            ragText: 'On target',
          },
        ],
        exceptions: [
          {
            indicatorId: 'i8',
            indicatorTitle: 'NI 8 Adult participation in sport',
            cause: 'concern was expressed about the crudeness of the indicator',
            actions: 'improving leisure centre management information and a workshop for sports development managers',
            cost: 500000,
            status: 'considered',
            meetingDate: '2009-05-27',
            considerer: 'Cambridgeshire Together Board',
          },
        ],
      }),
    );
    assert.match(
      draft.text,
      /Performance results recorded in the period:\n- NI 32 Reducing repeat domestic violence incidents \(2008\/09\): 25% against a target of 28%, on target/,
    );
    assert.match(
      draft.text,
      /An exception report for NI 8 Adult participation in sport was considered by the Cambridgeshire Together Board at its meeting on 27 May\. Concern was expressed about the crudeness of the indicator\. Actions proposed to improve performance: Improving leisure centre management information and a workshop for sports development managers \(estimated cost £5,000\)\./,
    );
    assert.deepEqual(
      draft.sources.map((s) => s.href),
      ['/performance/indicators/i32', '/performance/indicators/i8'],
    );
  });

  it('landscape events, plan actions completed or late, and money agreed, paid and granted', () => {
    const draft = draftActivity(
      base({
        partnershipName: 'Cambridgeshire Together',
        events: [
          { kind: 'renamed', eventDate: '2009-05-27', description: 'The Chief Executives Liaison Group became the Cambridgeshire Public Service Board' },
        ],
        planActions: [
          {
            planId: 'pl',
            planTitle: 'LAA delivery plan',
            actionId: 'a1',
            reference: '1.2',
            description: 'publish the Cambridgeshire Plan',
            state: 'completed',
            date: '2009-06-01',
          },
          {
            planId: 'pl',
            planTitle: 'LAA delivery plan',
            actionId: 'a2',
            reference: '1.4',
            description: 'agree the commissioning framework',
            state: 'late',
            date: '2009-05-31',
          },
        ],
        money: [
          { kind: 'agreed', who: 'Cambridgeshire County Council', title: null, amountPence: 2500000, financialYear: 2009, date: '2009-04-21' },
          { kind: 'paid', who: 'Fenland District Council', title: null, amountPence: 500050, financialYear: 2009, date: '2009-05-01' },
          { kind: 'funding', who: 'Improvement East', title: 'Making Cambridgeshire Count', amountPence: 30000000, financialYear: null, date: '2009-06-01' },
        ],
      }),
    );
    assert.match(
      draft.text,
      /Changes to the partnership landscape:\n- 27 May 2009: renamed\. The Chief Executives Liaison Group became the Cambridgeshire Public Service Board\./,
    );
    assert.match(draft.text, /Plan actions completed:\n- 1\.2 Publish the Cambridgeshire Plan\. \(LAA delivery plan\)/);
    assert.match(
      draft.text,
      /Plan actions past their date and not complete:\n- 1\.4 Agree the commissioning framework\. \(LAA delivery plan\), due 31 May 2009/,
    );
    assert.match(draft.text, /- Cambridgeshire County Council agreed a contribution of £25,000 for 2009\/10 on 21 April 2009/);
    assert.match(draft.text, /- Fenland District Council paid its contribution of £5,000\.50 for 2009\/10 on 1 May 2009/);
    assert.match(draft.text, /- Improvement East: Making Cambridgeshire Count of £300,000, from 1 June 2009/);
    assert.ok(draft.sources.some((s) => s.href === '/partnerships/p1'));
    assert.ok(draft.sources.some((s) => s.href === '/plans/pl/actions/a2'));
  });
});
