import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewEvent, lifespan, nameAt, statusAt, type LifecycleEventLike } from '../../src/partnerships/lifecycle.ts';

// Seed 002: Cambridgeshire Together, established May 2006, decommissioned following the
// Board of 23 November 2010.
const cambridgeshireTogether: LifecycleEventLike[] = [
  { kind: 'established', eventDate: '2006-05-01' },
  { kind: 'decommissioned', eventDate: '2010-11-23' },
];
// Seed 002 para 7.1: Cambridgeshire Horizons ceases to be an operational entity on 30 September 2011.
const horizons: LifecycleEventLike[] = [
  { kind: 'established', eventDate: '2004-01-01' },
  { kind: 'decommissioned', eventDate: '2011-09-30' },
];
// Seed 001: the Public Service Board was the Chief Executives Liaison Group until 27 May 2009.
const publicServiceBoard: LifecycleEventLike[] = [
  { kind: 'established', eventDate: '2006-01-01' },
  { kind: 'renamed', eventDate: '2009-05-27', previousName: 'Chief Executives Liaison Group' },
];

describe('statusAt', () => {
  it('is active between establishment and decommissioning (seed 001, July 2009)', () => {
    assert.equal(statusAt(cambridgeshireTogether, '2009-07-01'), 'active');
  });
  it('is decommissioned after the decision (seed 002, October 2011)', () => {
    assert.equal(statusAt(cambridgeshireTogether, '2011-10-01'), 'decommissioned');
  });
  it('counts the day of the event: Horizons has ceased on 30 September 2011, not the day before', () => {
    assert.equal(statusAt(horizons, '2011-09-29'), 'active');
    assert.equal(statusAt(horizons, '2011-09-30'), 'decommissioned');
  });
  it('is not yet established before its establishment date', () => {
    assert.equal(statusAt(cambridgeshireTogether, '2006-04-30'), 'not_yet_established');
  });
  it('treats a partnership with no establishment or ending events as active', () => {
    assert.equal(statusAt([], '2011-10-01'), 'active');
    assert.equal(statusAt([{ kind: 'renamed', eventDate: '2009-01-01', previousName: 'Old' }], '2000-01-01'), 'active');
  });
  it('distinguishes the kinds of ending', () => {
    const start = { kind: 'established', eventDate: '2000-01-01' } as const;
    assert.equal(statusAt([start, { kind: 'wound_up', eventDate: '2011-09-30' }], '2012-01-01'), 'wound_up');
    assert.equal(statusAt([start, { kind: 'merged_into', eventDate: '2010-01-01' }], '2012-01-01'), 'merged');
    assert.equal(statusAt([start, { kind: 'replaced_by', eventDate: '2010-01-01' }], '2012-01-01'), 'replaced');
  });
  it('does not revive an ended partnership because it was renamed or restructured later', () => {
    const events: LifecycleEventLike[] = [...horizons, { kind: 'restructured', eventDate: '2012-01-01' }];
    assert.equal(statusAt(events, '2012-06-01'), 'decommissioned');
  });
  it('is active again after a re-establishment', () => {
    const events: LifecycleEventLike[] = [...horizons, { kind: 'established', eventDate: '2014-01-01' }];
    assert.equal(statusAt(events, '2015-01-01'), 'active');
  });
  it('puts an establishment before an ending on the same day, whatever order they were entered in', () => {
    const events: LifecycleEventLike[] = [
      { kind: 'wound_up', eventDate: '2010-01-01' },
      { kind: 'established', eventDate: '2010-01-01' },
    ];
    assert.equal(statusAt(events, '2010-01-01'), 'wound_up');
  });
  it('lets the formal ending win over a replacement on the same day (Cambridgeshire Together, 23 November 2010)', () => {
    const events: LifecycleEventLike[] = [...cambridgeshireTogether, { kind: 'replaced_by', eventDate: '2010-11-23' }];
    assert.equal(statusAt(events, '2011-10-01'), 'decommissioned');
  });
});

describe('nameAt', () => {
  it('gives the earlier name before a renaming, and the current name after', () => {
    assert.equal(nameAt('Cambridgeshire Public Service Board', publicServiceBoard, '2009-05-26'), 'Chief Executives Liaison Group');
    assert.equal(nameAt('Cambridgeshire Public Service Board', publicServiceBoard, '2009-05-27'), 'Cambridgeshire Public Service Board');
  });
  it('walks back through several renamings', () => {
    const events: LifecycleEventLike[] = [
      { kind: 'renamed', eventDate: '2005-01-01', previousName: 'First' },
      { kind: 'renamed', eventDate: '2010-01-01', previousName: 'Second' },
    ];
    assert.equal(nameAt('Third', events, '2004-06-01'), 'First');
    assert.equal(nameAt('Third', events, '2007-06-01'), 'Second');
    assert.equal(nameAt('Third', events, '2011-06-01'), 'Third');
  });
});

describe('lifespan', () => {
  it('gives the start and the end of an ended partnership', () => {
    assert.deepEqual(lifespan(horizons), { start: '2004-01-01', end: '2011-09-30' });
  });
  it('has no end while the partnership is going', () => {
    assert.deepEqual(lifespan(publicServiceBoard), { start: '2006-01-01', end: null });
  });
});

describe('checkNewEvent', () => {
  it('refuses an event dated before the partnership was established, naming the date', () => {
    assert.equal(
      checkNewEvent(cambridgeshireTogether, { kind: 'wound_up', eventDate: '2005-01-01' }),
      'The date must be on or after the date the partnership was established (1 May 2006)',
    );
  });
  it('refuses an establishment after the first recorded event', () => {
    assert.match(
      checkNewEvent([{ kind: 'renamed', eventDate: '2009-05-27', previousName: 'x' }], { kind: 'established', eventDate: '2010-01-01' }) ?? '',
      /cannot be established after its first recorded event \(27 May 2009\)/,
    );
  });
  it('accepts an event that fits', () => {
    assert.equal(checkNewEvent(cambridgeshireTogether, { kind: 'renamed', eventDate: '2008-01-01', previousName: 'x' }), null);
  });
});
