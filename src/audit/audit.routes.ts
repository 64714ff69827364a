// The audit trail for administrators: filter by person, kind of record and dates, see what
// changed, and export what is shown as CSV. Nothing here can change an audit row.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import type { FieldErrors } from '../web/errors.ts';
import { errorSummary, readDate } from '../web/forms.ts';

import { LABELS } from '../web/labels.ts';
import { isUuid } from '../web/schema.ts';
import { changedFields, searchAudit, type AuditFilters, type AuditRow } from './audit.repository.ts';
import { todayInEngland } from '../calendar/today.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
// RFC 4180 with a UTF-8 byte order mark, like every other CSV; cells that would start a formula are guarded.
import { toCsv } from '../documents/csv.ts';

type Req = FastifyRequest<{ Querystring: Record<string, string> }>;
const LIMIT = 200;

function readFilters(req: Req, tenantId: string): { filters: AuditFilters; errors: FieldErrors } {
  const q = req.query;
  const errors: FieldErrors = {};
  const from = readDate(q, 'from', 'The start date', errors);
  const to = readDate(q, 'to', 'The end date', errors);
  if (from && to && to < from) errors.to = 'The end date must be the same as or after the start date';
  const entityType = typeof q.entityType === 'string' && LABELS.entityType![q.entityType] ? q.entityType : undefined;
  return {
    errors,
    filters: {
      tenantId,
      actor: typeof q.actor === 'string' ? q.actor.trim().slice(0, 200) || undefined : undefined,
      entityType,
      entityId: isUuid(q.entityId) ? q.entityId : undefined,
      from: from ?? undefined,
      to: to ?? undefined,
      limit: LIMIT,
    },
  };
}

const describe = (row: AuditRow) => {
  if (row.action !== 'update') return [];
  return changedFields(row).map((field) => ({ field: field.replace(/_/g, ' '), before: show(row.before?.[field]), after: show(row.after?.[field]) }));
};
const show = (value: unknown) => (value === null || value === undefined ? '(empty)' : typeof value === 'string' ? value : JSON.stringify(value));

export async function registerAuditPages(app: FastifyInstance, db: Database) {
  app.get('/admin/audit', access('audit.view'), async (req: Req, reply) => {
    const { filters, errors } = readFilters(req, req.ctx.tenantId);
    const rows = Object.keys(errors).length ? [] : await searchAudit(db, filters);
    return reply.view('audit/views/audit.njk', {
      pageTitle: 'Audit trail',
      rows: rows.map((r) => ({ ...r, changes: describe(r) })),
      query: req.query,
      errors,
      errorList: errorSummary(errors, { from: 'from-day', to: 'to-day' }),
      limit: LIMIT,
      entityItems: [
        { value: '', text: 'Any kind of record' },
        // A hundred kinds of record: alphabetical, so one can be found.
        ...Object.entries(LABELS.entityType!)
          .sort(([, a], [, b]) => a.localeCompare(b, 'en-GB'))
          .map(([value, text]) => ({ value, text, selected: value === req.query.entityType })),
      ],
      csvHref: `/admin/audit.csv?${new URLSearchParams(req.query as Record<string, string>)}`,
    });
  });

  app.get('/admin/audit.csv', access('audit.view'), async (req: Req, reply) => {
    const { filters, errors } = readFilters(req, req.ctx.tenantId);
    const rows = Object.keys(errors).length ? [] : await searchAudit(db, { ...filters, limit: 50_000 });
    const csv = toCsv([
      ['when', 'who', 'action', 'record type', 'record id', 'request id', 'changed fields', 'before', 'after'],
      ...rows.map((r) => [
        r.at.toISOString(),
        r.actor,
        r.action,
        r.entityType,
        r.entityId ?? '',
        r.requestId ?? '',
        changedFields(r).join(' '),
        r.before ? JSON.stringify(r.before) : '',
        r.after ? JSON.stringify(r.after) : '',
      ]),
    ]);
    return sendDocument(reply, { filename: `audit-trail-${todayInEngland()}.csv`, contentType: MEDIA_TYPES.csv, content: csv, caching: 'none' });
  });
}
