// The public side of minutes: each meeting's minutes as printed (with PDF and Word copies), the
// decisions register across committees, and councillors with their memberships, outside-body
// appointments and attendance. Minutes are public once published (as draft minutes) or approved,
// and only for public meetings of published bodies; an exempt item's minute shows only its number
// and the Schedule 12A paragraph, never its discussion, resolutions or actions.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database, Queryable } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { todayInEngland } from '../calendar/today.ts';
import { exemptNotice } from '../publication/exempt.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { errorSummary, readDate, type FormBody } from '../web/forms.ts';
import { dateInputParts } from '../web/form-input.ts';
import { labelFor } from '../web/labels.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { councillorProfile } from './councillors.ts';
import { listPublicCouncillors, presentNotes } from './councillors.repository.ts';
import * as repo from './minutes.repository.ts';
import { publicMinutesDocument } from './minutes.service.ts';
import { actionState, decisionText, discussionText, joinNames, type Vote } from './rules.ts';
import { renderMinutesPdf } from './documents/minutes-pdf.ts';
import { renderMinutesDocx } from './documents/minutes-docx.ts';
import { minutesCopiesText } from './public-copies.ts';
import { page, idParam, queryText } from '../web/page.ts';
import { formatLongDate, formatTime } from '../calendar/format.ts';
import { paragraphs, slugify, letter, textBlocks } from '../documents/text.ts';
import { paginationOf } from '../web/pagination.ts';
import { sendDocument } from '../documents/download.ts';

const PAGE_SIZE = 50;
const MAX_SEARCH = 200;
const MAX_REF = 50;
const PUBLIC_MINUTES_STATES = ['published', 'approved'];
/** Attendance as a member of the meeting (as opposed to officers and others in attendance). */

const q = queryText;

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(iso) : '');
const isCurrent = (r: { startDate: string | null; endDate: string | null }, today: string) =>
  (!r.startDate || r.startDate <= today) && (!r.endDate || r.endDate >= today);
const hasEnded = (r: { endDate: string | null }, today: string) => r.endDate !== null && r.endDate < today;
const councillorName = (p: { name: string; honorificPrefix: string | null }) => `${p.honorificPrefix ? `${p.honorificPrefix} ` : ''}${p.name}`;

/** 'From 15 May 2018', 'Until 15 May 2018', '1 May 2017 to 15 May 2018', or ''. */
function period(startDate: string | null, endDate: string | null): string {
  if (startDate && endDate) return `${formatLongDate(startDate)} to ${formatLongDate(endDate)}`;
  if (startDate) return `Since ${formatLongDate(startDate)}`;
  if (endDate) return `Until ${formatLongDate(endDate)}`;
  return '';
}

/**
 * How a resolution was decided, as a line of its own: 'Resolved unanimously', 'Resolved by a majority
 * (7 votes in favour, 0 against, 1 abstention)', 'Noted', 'Lost (2 votes in favour, 5 against, 0 abstentions)'.
 */
export function decisionLine(vote: Vote): string {
  const text = decisionText(vote);
  return vote.outcome === 'unanimous' || vote.outcome === 'majority' ? `Resolved ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

// ---- Reading public records ------------------------------------------------------------------------

/** A meeting whose minutes the public may read (published or approved, a public meeting of a published body), with their state; else 404. */
async function meetingWithPublicMinutes(db: Queryable, tenantId: string, id: string) {
  const meeting = await meetingsRepo.getMeeting(db, tenantId, id);
  if (!meeting?.bodyPublished || !meeting.isPublic) throw new NotFoundError('minutes');
  const state = await repo.minutesStateOf(db, tenantId, id);
  if (!state || !PUBLIC_MINUTES_STATES.includes(state.state)) throw new NotFoundError('minutes');
  return { meeting, state };
}

const APPOINTMENT_ROLES: Record<string, string> = { representative: 'Representative', substitute: 'Substitute', observer: 'Observer' };
const STATUS_TAGS = {
  ongoing: { text: 'Ongoing', colour: 'blue' },
  completed: { text: 'Completed', colour: 'green' },
  overdue: { text: 'Overdue', colour: 'red' },
} as const;

const sendPaper = (reply: FastifyReply, filename: string, content: Uint8Array, contentType: string) => sendDocument(reply, { filename, content, contentType });

// ---- Routes --------------------------------------------------------------------------------------------------

/** opts.councilName names the council on the minutes' PDF and Word copies (config.COUNCIL_NAME; without it, the tenant's name). */
export async function registerPublicMinutesPages(app: FastifyInstance, db: Database, opts: { councilName?: string } = {}) {
  const councilName = (tenantId: string) => meetingsRepo.councilName(db, tenantId, opts.councilName);

  // ---- The minutes of a meeting ----------------------------------------------------------------------
  app.get(
    '/calendar/:meetingId/minutes',
    access('public.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'meetingId');
      const tenantId = req.ctx.tenantId;
      const { meeting, state } = await meetingWithPublicMinutes(db, tenantId, id);
      const [doc, exempt, minutes, resolutions, amendments, declarations, actions] = await Promise.all([
        publicMinutesDocument(db, tenantId, id, await councilName(tenantId)),
        repo.exemptMinutesOf(db, tenantId, id),
        repo.listMinutes(db, tenantId, id),
        repo.resolutionsOfMeeting(db, tenantId, id),
        repo.amendmentsOfMeeting(db, tenantId, id),
        repo.listDeclarations(db, tenantId, id),
        repo.listActions(db, tenantId, { meetingId: id }),
      ]);
      const itemExempt = new Map(minutes.filter((m) => m.agendaItemId && exempt.has(m.number)).map((m) => [m.agendaItemId!, exempt.get(m.number)!]));
      const draft = state.state !== 'approved';
      const label = meeting.kind === 'formal' || !meeting.title ? meeting.bodyName : `${meeting.bodyName}: ${meeting.title}`;
      const exemptMinuteIds = new Set(minutes.filter((m) => exempt.has(m.number)).map((m) => m.id));
      const time = [formatTime(meeting.startTime), formatTime(meeting.endTime)].filter(Boolean).join(' to ');
      const councillors = (names: string[]) => (names.length ? `Councillors: ${joinNames(names)}` : '');
      const today = todayInEngland();
      return reply.view('minutes/views/public-minutes.njk', {
        pageTitle: `${draft ? 'Draft minutes' : 'Minutes'}: ${label}, ${longDate(meeting.meetingDate)}`,
        meeting,
        label,
        draft,
        longDate: longDate(meeting.meetingDate),
        approvalNote: doc.approvalNote,
        publishedOn: longDate(state.publishedOn),
        attendance: [
          { key: 'Date', value: longDate(meeting.meetingDate) },
          ...(time ? [{ key: 'Time', value: time }] : []),
          ...(meeting.venue ? [{ key: 'Venue', value: meeting.venue }] : []),
          { key: 'Present', value: councillors(doc.present) || 'None recorded' },
          { key: 'Apologies', value: councillors(doc.apologies) || 'None' },
          ...(doc.absent.length ? [{ key: 'Absent', value: councillors(doc.absent) }] : []),
          ...(doc.officers.length ? [{ key: 'Officers', value: joinNames(doc.officers) }] : []),
          ...(doc.others.length ? [{ key: 'Also present', value: joinNames(doc.others) }] : []),
        ],
        declarations: declarations.map((d) => {
          const paragraph = d.agendaItemId ? itemExempt.get(d.agendaItemId) : undefined;
          const kind = d.kind === 'other' ? 'an interest' : `a ${labelFor('declarationKind', d.kind).toLowerCase()}`;
          const item = d.itemPosition ? ` in item ${d.itemPosition}` : '';
          return paragraph
            ? `Councillor ${d.personName} declared ${kind}${item} (an exempt item).`
            : `Councillor ${d.personName} declared ${kind}${item}: ${d.description}`;
        }),
        minutes: minutes.map((m) => {
          const paragraph = exempt.get(m.number);
          if (paragraph) return { number: m.number, exempt: true, exemptNotice: exemptNotice(paragraph), withdrawn: m.withdrawn };
          const rs = resolutions.filter((r) => r.minuteId === m.id);
          return {
            number: m.number,
            exempt: false,
            title: m.title,
            withdrawn: m.withdrawn,
            discussion: paragraphs(discussionText(m)),
            resolutions: rs.map((r, i) => ({ letter: letter(i), text: r.text, decision: decisionLine(r), keyDecisionRef: r.keyDecisionRef })),
            amendments: amendments.filter((a) => a.minuteId === m.id).map((a) => ({ agreedOn: longDate(a.agreedOn), text: a.text })),
          };
        }),
        actions: actions
          .filter((a) => !a.minuteId || !exemptMinuteIds.has(a.minuteId))
          .map((a) => {
            const s = actionState(a, today);
            return { minuteNumber: a.minuteNumber, owner: a.ownerName, description: a.description, due: longDate(a.dueDate), status: STATUS_TAGS[s] };
          }),
        pdfHref: `/calendar/${id}/minutes.pdf`,
        docxHref: `/calendar/${id}/minutes.docx`,
        // The printable version and the Word copy, with their type, size and pages (GOV.UK's attachment pattern).
        copies: await minutesCopiesText(doc),
        textBlocks,
        breadcrumbs: [
          { text: 'Meetings calendar', href: '/calendar' },
          { text: meeting.bodyName, href: `/committees/${meeting.bodyId}` },
          { text: longDate(meeting.meetingDate), href: `/calendar/${id}` },
        ],
      });
    }),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/calendar/:meetingId/minutes.${format}`,
      access('public.view'),
      page(async (req, reply) => {
        const id = idParam(req, 'meetingId');
        const tenantId = req.ctx.tenantId;
        const found = await meetingWithPublicMinutes(db, tenantId, id);
        const masked = await publicMinutesDocument(db, tenantId, id, await councilName(tenantId));
        const bytes = format === 'pdf' ? await renderMinutesPdf(masked) : await renderMinutesDocx(masked);
        const name = `${slugify(found.meeting.bodyName)}-${found.meeting.meetingDate}-${found.state.state === 'approved' ? '' : 'draft-'}minutes.${format}`;
        return sendPaper(reply, name, bytes, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      }),
    );
  }

  // ---- The decisions register ----------------------------------------------------------------------------
  app.get(
    '/decisions',
    access('public.view'),
    page(async (req, reply) => {
      const tenantId = req.ctx.tenantId;
      const errors: FieldErrors = {};
      const query = req.query as FormBody;
      const bodies = await meetingsRepo.listBodies(db, tenantId, { includeDrafts: false });

      let bodyId = q(req, 'committee').toLowerCase();
      if (bodyId && !bodies.some((b) => b.id === bodyId)) {
        errors.committee = 'Select a committee from the list';
        bodyId = '';
      }
      let search = q(req, 'q');
      if (search.length > MAX_SEARCH) {
        errors.q = `Subject must be ${MAX_SEARCH} characters or fewer`;
        search = '';
      }
      let ref = q(req, 'ref');
      if (ref.length > MAX_REF) {
        errors.ref = `Key decision reference must be ${MAX_REF} characters or fewer`;
        ref = '';
      }
      const given = (field: string) => [`${field}-day`, `${field}-month`, `${field}-year`].some((k) => query[k] !== undefined && query[k] !== '');
      let from = given('from') ? (readDate(query, 'from', 'Date from', errors) ?? '') : '';
      let to = given('to') ? (readDate(query, 'to', 'Date to', errors) ?? '') : '';
      if (from && to && from > to) {
        errors.to = 'Date to must be the same as or after date from';
        to = '';
      }
      if (errors.from) from = '';

      const pageNo = Math.min(Math.max(1, Number.parseInt(q(req, 'page') || '1', 10) || 1), 10_000);
      const { rows, total } = await repo.searchDecisions(db, tenantId, {
        bodyId: bodyId || undefined,
        from: from || undefined,
        to: to || undefined,
        q: search || undefined,
        keyDecisionRef: ref || undefined,
        publicOnly: true,
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const dateParams = (field: string, iso: string) => {
        const parts = dateInputParts(iso);
        return iso
          ? [
              [`${field}-day`, parts.day],
              [`${field}-month`, parts.month],
              [`${field}-year`, parts.year],
            ]
          : [];
      };
      const params = new URLSearchParams([
        ...(bodyId ? [['committee', bodyId]] : []),
        ...dateParams('from', from),
        ...dateParams('to', to),
        ...(search ? [['q', search]] : []),
        ...(ref ? [['ref', ref]] : []),
      ]);
      const pageHref = (n: number) => `/decisions?${new URLSearchParams([...params, ['page', String(n)]])}`;
      /** What was typed in a date box, shown back as typed (so a mistake can be corrected). */
      const typed = (field: string) => ({
        day: typeof query[`${field}-day`] === 'string' ? String(query[`${field}-day`]) : '',
        month: typeof query[`${field}-month`] === 'string' ? String(query[`${field}-month`]) : '',
        year: typeof query[`${field}-year`] === 'string' ? String(query[`${field}-year`]) : '',
      });
      return reply.view('minutes/views/public-decisions.njk', {
        pageTitle: 'Decisions',
        errors,
        errorList: errorSummary(errors, { from: 'from-day', to: 'to-day' }),
        filters: { q: q(req, 'q'), ref: q(req, 'ref') },
        fromValue: typed('from'),
        toValue: typed('to'),
        committeeOptions: [{ value: '', text: 'All committees and boards' }, ...bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === bodyId }))],
        filtered: params.size > 0,
        // The open data file of the register as filtered (the same query, read the same way).
        csvHref: params.size > 0 ? `/decisions.csv?${params}` : '/decisions.csv',
        total,
        pageNo,
        pages,
        rows: rows.map((r) => ({
          date: longDate(r.meetingDate),
          bodyName: r.bodyName,
          bodyId: r.bodyId,
          minuteNumber: r.minuteNumber,
          minuteTitle: r.minuteTitle,
          href: `/calendar/${r.meetingId}/minutes#minute-${r.minuteNumber}`,
          letter: letter(Math.max(0, r.ordinal - 1)),
          text: r.text,
          decision: decisionLine(r),
          keyDecisionRef: r.keyDecisionRef,
          draft: r.minutesState !== 'approved',
        })),
        pagination: paginationOf(pageNo, pages, pageHref),
      });
    }),
  );

  // ---- Councillors ---------------------------------------------------------------------------------------------
  app.get(
    '/councillors',
    access('public.view'),
    page(async (req, reply) => {
      const today = todayInEngland();
      const rows = await listPublicCouncillors(db, req.ctx.tenantId, today);
      return reply.view('minutes/views/public-councillors.njk', {
        pageTitle: 'Councillors',
        councillors: rows.map((c) => {
          const seen = new Set<string>();
          const current = c.current
            .filter((b) => {
              const key = `${b.kind}:${b.id}`;
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            })
            .map((b) => ({ name: b.name, href: b.kind === 'outside' ? `/representatives/${b.id}` : `/committees/${b.id}` }));
          return { id: c.id, name: councillorName(c), party: c.party, division: c.electoralDivision, current };
        }),
      });
    }),
  );

  app.get(
    '/councillors/:id',
    access('public.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const tenantId = req.ctx.tenantId;
      const profile = await councillorProfile(db, tenantId, id);
      if (!profile) throw new NotFoundError('councillor');
      const { person, memberships, roles, appointments, attendance, summary } = profile;
      const today = todayInEngland();
      const notes = await presentNotes(db, tenantId, id);
      const presentNote = new Map(notes.filter((n) => n.note && /^(Vice-)?Chair(man)?$/i.test(n.note.trim())).map((n) => [n.meetingId, n.note!.trim()]));
      const bodyMemberships = memberships.map((m) => ({
        bodyId: m.bodyId,
        bodyName: m.bodyName,
        role: labelFor('bodyRole', m.role),
        politicalGroup: m.politicalGroup,
        period: period(m.startDate, m.endDate),
        current: !hasEnded(m, today),
      }));
      const outside = appointments.map((a) => ({
        id: a.outsideBodyId,
        name: a.outsideBodyName,
        role: APPOINTMENT_ROLES[a.role] ?? a.role,
        period: period(a.startDate, a.endDate),
        current: !hasEnded(a, today),
      }));
      const { party } = profile;
      const name = councillorName(person);
      return reply.view('minutes/views/public-councillor.njk', {
        pageTitle: name,
        person,
        name,
        party,
        currentMemberships: bodyMemberships.filter((m) => m.current),
        pastMemberships: bodyMemberships.filter((m) => !m.current),
        roles: roles
          .filter((r) => isCurrent(r, today))
          .map((r) => ({ title: r.title, area: r.areaName, bodyId: r.bodyId, bodyName: r.bodyName, period: period(r.startDate, null) })),
        currentAppointments: outside.filter((a) => a.current),
        pastAppointments: outside.filter((a) => !a.current),
        summary,
        attendance: attendance.map((a) => ({
          date: longDate(a.meetingDate),
          href: `/calendar/${a.meetingId}`,
          minutesHref: `/calendar/${a.meetingId}/minutes`,
          bodyName: a.bodyName,
          how:
            a.category === 'substitute'
              ? `Present as a substitute${a.substituteForName ? ` for Councillor ${a.substituteForName}` : ''}`
              : a.category === 'present'
                ? `Present${presentNote.has(a.meetingId) ? ` (${presentNote.get(a.meetingId)})` : ''}`
                : labelFor('attendanceCategory', a.category),
        })),
        breadcrumbs: [{ text: 'Councillors', href: '/councillors' }],
      });
    }),
  );
}
