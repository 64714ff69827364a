// The date rules for a committee meeting: when draft reports are due, when the agenda must go
// out, when public speakers must register and when a key decision must be on the Forward Plan;
// and the checks that flag a planned or actual date that breaks them. Pure functions.
//
// The law: agendas and reports must be open to inspection at least 5 clear working days before
// the meeting (Local Government Act 1972 s100B(3)). Clear days exclude the day of publication
// and the day of the meeting; weekends and England and Wales bank holidays are not working days.
// A key decision needs 28 clear days' notice in the Forward Plan (the Local Authorities
// (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012,
// reg 9): calendar days, not working days.
import type { HolidayCalendar } from '../calendar/bank-holidays.ts';
import { formatLongDate } from '../calendar/format.ts';
import {
  assertIsoDate,
  clearDaysBetween,
  clearWorkingDaysBetween,
  isWeekend,
  latestDateWithClearDays,
  latestDateWithClearWorkingDays,
  weekdayName,
  workingDaysBefore,
} from '../calendar/working-days.ts';

export const STATUTORY_DESPATCH_CLEAR_DAYS = 5;
export const KEY_DECISION_NOTICE_CLEAR_DAYS = 28;
export const PUBLIC_SPEAKING_WORKING_DAYS = 3;
export const DEFAULT_DRAFT_REPORT_CLEAR_DAYS = 8;

/** A body's own rules. despatchClearDays is at least the statutory 5; a body may choose more. */
export interface DeadlineRules {
  draftReportClearDays: number;
  despatchClearDays: number;
}

export interface MeetingDates {
  draftReportsDue: string;
  agendaDespatch: string;
  publicSpeakingDeadline: { date: string; time: '12:00' };
  /** The latest date a key decision must be in the Forward Plan. */
  forwardPlanEntryBy: string;
}

function assertRules(rules: DeadlineRules): void {
  if (!rules || typeof rules !== 'object') throw new TypeError('The deadline rules are missing');
  const { draftReportClearDays, despatchClearDays } = rules;
  if (!Number.isSafeInteger(draftReportClearDays) || draftReportClearDays < 0) {
    throw new TypeError(`The clear working days for draft reports must be a whole number, zero or more, but was ${String(draftReportClearDays)}`);
  }
  if (!Number.isSafeInteger(despatchClearDays) || despatchClearDays < STATUTORY_DESPATCH_CLEAR_DAYS) {
    throw new TypeError(
      `The clear working days for agenda despatch must be a whole number of at least ${STATUTORY_DESPATCH_CLEAR_DAYS}, the legal minimum, but was ${String(despatchClearDays)}`,
    );
  }
}

/** The deadlines that follow from the meeting date and the body's rules. */
export function deriveMeetingDates(meetingDate: string, rules: DeadlineRules, holidays: HolidayCalendar): MeetingDates {
  assertIsoDate(meetingDate, 'meeting date');
  assertRules(rules);
  return {
    draftReportsDue: latestDateWithClearWorkingDays(meetingDate, rules.draftReportClearDays, holidays),
    agendaDespatch: latestDateWithClearWorkingDays(meetingDate, rules.despatchClearDays, holidays),
    publicSpeakingDeadline: { date: workingDaysBefore(meetingDate, PUBLIC_SPEAKING_WORKING_DAYS, holidays), time: '12:00' },
    forwardPlanEntryBy: latestDateWithClearDays(meetingDate, KEY_DECISION_NOTICE_CLEAR_DAYS),
  };
}

export type FlagRule = 'despatch' | 'draft_reports' | 'forward_plan' | 'not_working_day' | 'order';

export interface DateFlag {
  rule: FlagRule;
  field: 'meetingDate' | 'plannedDespatch' | 'plannedDraftDeadline' | 'agendaPublished' | 'keyDecision';
  severity: 'breach' | 'warning';
  message: string;
  itemRef?: string;
}

export interface PlannedDatesInput {
  meetingDate: string;
  plannedDraftDeadline: string | null;
  plannedDespatch: string | null;
  /** The day the agenda was actually published, if it has been. */
  agendaPublishedOn: string | null;
  /** When each key decision first appeared on the Forward Plan. */
  keyDecisions: { ref: string; title: string; firstNoticeOn: string }[];
}

function workingDays(n: number): string {
  return n === 1 ? '1 clear working day' : `${n} clear working days`;
}

function calendarDays(n: number): string {
  return n === 1 ? '1 clear day' : `${n} clear days`;
}

/** Why a date is not a working day, or null when it is one. */
function notWorkingReason(date: string, holidays: HolidayCalendar): string | null {
  if (isWeekend(date)) return `falls on a ${weekdayName(date)}`;
  if (holidays.has(date)) return 'is a bank holiday';
  return null;
}

/**
 * A meeting on a weekend or bank holiday: a warning, not an error (councils do sometimes meet on a
 * Saturday), so that a mistyped date is noticed. Nothing when the day is a working day.
 */
export function meetingDateWarnings(meetingDate: string, holidays: HolidayCalendar): DateFlag[] {
  assertIsoDate(meetingDate, 'meeting date');
  const reason = notWorkingReason(meetingDate, holidays);
  if (!reason) return [];
  return [
    {
      rule: 'not_working_day',
      field: 'meetingDate',
      severity: 'warning',
      message: `The meeting on ${formatLongDate(meetingDate)} ${reason}, which is not a working day: check the date is right.`,
    },
  ];
}

/** 'is the day of the meeting' / 'is after the meeting on …', or null when it is before. */
function onOrAfterMeeting(date: string, meetingDate: string): string | null {
  if (date === meetingDate) return 'is the day of the meeting';
  if (date > meetingDate) return `is after the meeting on ${formatLongDate(meetingDate)}`;
  return null;
}

/**
 * Checks the dates an officer has planned (and the date the agenda was actually published)
 * against the law and the body's rules. Returns nothing when all is well.
 */
export function checkPlannedDates(input: PlannedDatesInput, rules: DeadlineRules, holidays: HolidayCalendar): DateFlag[] {
  const { meetingDate, plannedDraftDeadline, plannedDespatch, agendaPublishedOn, keyDecisions } = input;
  assertIsoDate(meetingDate, 'meeting date');
  assertRules(rules);
  if (plannedDraftDeadline !== null) assertIsoDate(plannedDraftDeadline, 'planned draft report deadline');
  if (plannedDespatch !== null) assertIsoDate(plannedDespatch, 'planned agenda despatch date');
  if (agendaPublishedOn !== null) assertIsoDate(agendaPublishedOn, 'agenda publication date');
  for (const kd of keyDecisions) assertIsoDate(kd.firstNoticeOn, `date key decision ${kd.ref} was first noticed`);

  const flags: DateFlag[] = meetingDateWarnings(meetingDate, holidays);
  const derived = deriveMeetingDates(meetingDate, rules, holidays);
  const lawfulDespatch = latestDateWithClearWorkingDays(meetingDate, STATUTORY_DESPATCH_CLEAR_DAYS, holidays);
  const bodyRequiresMore = rules.despatchClearDays > STATUTORY_DESPATCH_CLEAR_DAYS;

  // Planned agenda despatch.
  if (plannedDespatch !== null) {
    const label = `Planned agenda despatch ${formatLongDate(plannedDespatch)}`;
    const order = onOrAfterMeeting(plannedDespatch, meetingDate);
    if (order) {
      flags.push({
        rule: 'order',
        field: 'plannedDespatch',
        severity: 'breach',
        message: `${label} ${order}; the agenda must go out at least ${STATUTORY_DESPATCH_CLEAR_DAYS} clear working days before the meeting (latest lawful despatch: ${formatLongDate(lawfulDespatch)}).`,
      });
    } else {
      const clear = clearWorkingDaysBetween(plannedDespatch, meetingDate, holidays);
      if (clear < STATUTORY_DESPATCH_CLEAR_DAYS) {
        flags.push({
          rule: 'despatch',
          field: 'plannedDespatch',
          severity: 'breach',
          message: `${label} leaves ${workingDays(clear)} before the meeting; the law requires ${STATUTORY_DESPATCH_CLEAR_DAYS} (latest lawful despatch: ${formatLongDate(lawfulDespatch)}).`,
        });
      } else if (clear < rules.despatchClearDays) {
        flags.push({
          rule: 'despatch',
          field: 'plannedDespatch',
          severity: 'warning',
          message: `${label} leaves ${workingDays(clear)} before the meeting. That meets the legal minimum of ${STATUTORY_DESPATCH_CLEAR_DAYS}, but this body's rules ask for ${rules.despatchClearDays} (latest despatch under those rules: ${formatLongDate(derived.agendaDespatch)}).`,
        });
      }
      const reason = notWorkingReason(plannedDespatch, holidays);
      if (reason) {
        flags.push({
          rule: 'not_working_day',
          field: 'plannedDespatch',
          severity: 'warning',
          message: `${label} ${reason}, which is not a working day.`,
        });
      }
    }
  }

  // Planned draft report deadline.
  if (plannedDraftDeadline !== null) {
    const label = `Planned draft report deadline ${formatLongDate(plannedDraftDeadline)}`;
    const order = onOrAfterMeeting(plannedDraftDeadline, meetingDate);
    if (order) {
      flags.push({
        rule: 'order',
        field: 'plannedDraftDeadline',
        severity: 'breach',
        message: `${label} ${order}; draft reports must be in before the agenda goes out (latest draft report deadline under this body's rules: ${formatLongDate(derived.draftReportsDue)}).`,
      });
    } else {
      if (plannedDespatch !== null && plannedDespatch < meetingDate && plannedDraftDeadline > plannedDespatch) {
        flags.push({
          rule: 'order',
          field: 'plannedDraftDeadline',
          severity: 'breach',
          message: `${label} is after the planned agenda despatch ${formatLongDate(plannedDespatch)}; draft reports must be in before the agenda goes out.`,
        });
      }
      const clear = clearWorkingDaysBetween(plannedDraftDeadline, meetingDate, holidays);
      if (clear < rules.draftReportClearDays) {
        flags.push({
          rule: 'draft_reports',
          field: 'plannedDraftDeadline',
          severity: 'warning',
          message: `${label} leaves ${workingDays(clear)} before the meeting; this body's rules ask for ${rules.draftReportClearDays} (latest draft report deadline under those rules: ${formatLongDate(derived.draftReportsDue)}).`,
        });
      }
      const reason = notWorkingReason(plannedDraftDeadline, holidays);
      if (reason) {
        flags.push({
          rule: 'not_working_day',
          field: 'plannedDraftDeadline',
          severity: 'warning',
          message: `${label} ${reason}, which is not a working day.`,
        });
      }
    }
  }

  // The day the agenda was actually published. A weekend publication is not flagged: the
  // clear working days are counted from whatever day it was.
  if (agendaPublishedOn !== null) {
    const published = formatLongDate(agendaPublishedOn);
    const order = onOrAfterMeeting(agendaPublishedOn, meetingDate);
    if (order) {
      flags.push({
        rule: 'despatch',
        field: 'agendaPublished',
        severity: 'breach',
        message: `The agenda was published on ${published}, which ${order}; the law requires ${STATUTORY_DESPATCH_CLEAR_DAYS} clear working days before the meeting (latest lawful publication: ${formatLongDate(lawfulDespatch)}).`,
      });
    } else {
      const clear = clearWorkingDaysBetween(agendaPublishedOn, meetingDate, holidays);
      if (clear < STATUTORY_DESPATCH_CLEAR_DAYS) {
        flags.push({
          rule: 'despatch',
          field: 'agendaPublished',
          severity: 'breach',
          message: `The agenda was published on ${published}, leaving ${workingDays(clear)} before the meeting; the law requires ${STATUTORY_DESPATCH_CLEAR_DAYS} (latest lawful publication: ${formatLongDate(lawfulDespatch)}).`,
        });
      } else if (bodyRequiresMore && clear < rules.despatchClearDays) {
        flags.push({
          rule: 'despatch',
          field: 'agendaPublished',
          severity: 'warning',
          message: `The agenda was published on ${published}, leaving ${workingDays(clear)} before the meeting. That meets the legal minimum of ${STATUTORY_DESPATCH_CLEAR_DAYS}, but this body's rules ask for ${rules.despatchClearDays} (latest publication under those rules: ${formatLongDate(derived.agendaDespatch)}).`,
        });
      }
    }
  }

  // Key decisions on the Forward Plan.
  for (const kd of keyDecisions) {
    const clear = clearDaysBetween(kd.firstNoticeOn, meetingDate);
    if (clear < KEY_DECISION_NOTICE_CLEAR_DAYS) {
      const when =
        kd.firstNoticeOn >= meetingDate
          ? `only on ${formatLongDate(kd.firstNoticeOn)}, which is not before the meeting`
          : `on ${formatLongDate(kd.firstNoticeOn)}, ${calendarDays(clear)} before the meeting`;
      flags.push({
        rule: 'forward_plan',
        field: 'keyDecision',
        severity: 'breach',
        itemRef: kd.ref,
        message: `Key decision ${kd.ref} (${kd.title}) first appeared on the Forward Plan ${when}; the law requires ${KEY_DECISION_NOTICE_CLEAR_DAYS} clear days' notice (it needed to be on the plan by ${formatLongDate(derived.forwardPlanEntryBy)}). Unless the general exception or special urgency procedure was used, it cannot be taken at this meeting.`,
      });
    }
  }

  return flags;
}
