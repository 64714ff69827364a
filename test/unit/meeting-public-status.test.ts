// The public status of a meeting over time, with seed 004's meetings of the Communities and
// Partnership Committee: 17 April 2018 (held, its minutes at item 3 of the next meeting), 31 May 2018
// (the pack's own meeting) and the reserve date of 14 February 2019.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AWAITING_MINUTES_DAYS, publicMeetingStatus } from '../../src/meetings/public-status.ts';

const meeting = (over: Partial<Parameters<typeof publicMeetingStatus>[0]> = {}) => ({
  meetingDate: '2018-05-31',
  status: 'scheduled',
  minutesState: 'none',
  agendaPublishedOn: '2018-05-21',
  ...over,
});

describe('public meeting status', () => {
  it('a meeting still to come is scheduled, with no minutes and nothing said about a missing agenda', () => {
    const s = publicMeetingStatus(meeting({ agendaPublishedOn: null }), '2018-05-20');
    assert.deepEqual(s, { state: 'upcoming', label: 'Scheduled', colour: 'blue', minutes: 'none', agendaNote: null });
    assert.equal(publicMeetingStatus(meeting(), '2018-05-31').state, 'upcoming', 'on its own day it is still to come');
  });

  it('a held meeting with approved minutes links them; with only draft (private) minutes they are to follow', () => {
    const april = meeting({ meetingDate: '2018-04-17', status: 'held', minutesState: 'approved', agendaPublishedOn: '2018-04-06' });
    assert.deepEqual(publicMeetingStatus(april, '2018-05-31'), { state: 'held', label: 'Held', colour: 'green', minutes: 'approved', agendaNote: null });
    assert.equal(publicMeetingStatus({ ...april, minutesState: 'published' }, '2018-05-31').minutes, 'draft');
    assert.equal(publicMeetingStatus({ ...april, minutesState: 'none' }, '2018-05-31').minutes, 'to_follow');
  });

  it('minutes show that a meeting took place even when nobody marked it held', () => {
    for (const minutesState of ['draft', 'published', 'approved']) {
      assert.equal(publicMeetingStatus(meeting({ minutesState }), '2026-12-06').state, 'held', minutesState);
    }
  });

  it('a past meeting never marked held and without minutes awaits them for six weeks, then did not take place', () => {
    const last = new Date(Date.UTC(2018, 4, 31 + AWAITING_MINUTES_DAYS)).toISOString().slice(0, 10);
    assert.equal(last, '2018-07-12');
    const recent = publicMeetingStatus(meeting(), '2018-06-05');
    assert.deepEqual(recent, { state: 'awaiting_minutes', label: 'Minutes to follow', colour: 'yellow', minutes: 'to_follow', agendaNote: null });
    assert.equal(publicMeetingStatus(meeting(), last).state, 'awaiting_minutes');
    const later = publicMeetingStatus(meeting(), '2018-07-13');
    assert.deepEqual(later, { state: 'did_not_take_place', label: 'Did not take place', colour: 'grey', minutes: 'none', agendaNote: null });
  });

  it('the reserve date of 14 February 2019, never needed, did not take place and had no agenda', () => {
    const reserve = meeting({ meetingDate: '2019-02-14', agendaPublishedOn: null });
    assert.deepEqual(publicMeetingStatus(reserve, '2026-12-06'), {
      state: 'did_not_take_place',
      label: 'Did not take place',
      colour: 'grey',
      minutes: 'none',
      agendaNote: 'The meeting did not take place, and no agenda was published.',
    });
  });

  it('a cancelled meeting says so before and after its date, in the right tense', () => {
    const cancelled = meeting({ status: 'cancelled', agendaPublishedOn: null });
    assert.equal(publicMeetingStatus(cancelled, '2018-05-01').agendaNote, 'No agenda will be published because the meeting has been cancelled.');
    const after = publicMeetingStatus(cancelled, '2018-06-01');
    assert.equal(after.state, 'cancelled');
    assert.equal(after.minutes, 'none');
    assert.equal(after.agendaNote, 'No agenda was published because the meeting was cancelled.');
  });

  it('a held meeting with no agenda says none was published before it, only when that is true', () => {
    assert.equal(
      publicMeetingStatus(meeting({ status: 'held', agendaPublishedOn: null }), '2018-06-01').agendaNote,
      'No agenda was published before this meeting.',
    );
    assert.equal(publicMeetingStatus(meeting({ status: 'held' }), '2018-06-01').agendaNote, null);
  });
});
