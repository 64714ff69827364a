// The OParl 1.1 interface at /oparl/v1: the System, one Body (this council), and its object lists and
// objects, read anonymously through the public view. Every answer is JSON that any web page may read (CORS).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { access } from '../access/route-access.ts';
import { problem, sendProblem } from '../api/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { councilName } from '../meetings/index.ts';
import { isUuid } from '../web/schema.ts';
import { listPage, parseListQuery } from './oparl.query.ts';
import * as repo from './oparl.repository.ts';
import type { ListKind, RowOf } from './oparl.repository.ts';
import * as shape from './oparl.shapes.ts';
import { addresses, KINDS, LICENSE, OPARL_PREFIX, OPARL_VERSION, typeUrl, type Addresses } from './oparl.shapes.ts';

type Query = Record<string, unknown>;

/** The public origin: PUBLIC_URL when the council set it, else the address the request came to. */
export function originOf(req: FastifyRequest, config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

const send = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(body);

const notFound = (reply: FastifyReply, what: string) => sendProblem(reply, problem(404, `There is no ${what} at this address`));

/** A File's id is a paper's id, or `agenda-` or `minutes-` and a meeting's id. */
const isFileId = (id: string) => isUuid(id.replace(/^(agenda|minutes)-/, ''));

export async function registerOParlRoutes(app: FastifyInstance, db: Database, config: Config) {
  // OParl asks that any web page may read the interface (CORS); it changes nothing, so no credentials are involved.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith(`${OPARL_PREFIX}/`)) reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    return payload;
  });

  const bodyOf = async (tenantId: string, a: Addresses) => {
    const facts = await repo.tenantFacts(db, tenantId);
    const name = await councilName(db, tenantId, config.COUNCIL_NAME);
    const created = (facts?.created ?? new Date(0)).toISOString();
    return {
      id: a.body(tenantId),
      type: typeUrl('Body'),
      system: a.system,
      name,
      website: a.web('/'),
      license: LICENSE,
      organization: a.list('organization'),
      person: a.list('person'),
      meeting: a.list('meeting'),
      paper: a.list('paper'),
      agendaItem: a.list('agendaItem'),
      consultation: a.list('consultation'),
      file: a.list('file'),
      locationList: a.list('location'),
      membership: a.list('membership'),
      // The council keeps no electoral terms: an empty list, as OParl allows.
      legislativeTerm: [],
      legislativeTermList: a.legislativeTerms,
      classification: 'Council',
      web: a.web('/'),
      created,
      modified: (facts?.modified ?? new Date(0)).toISOString(),
      deleted: false,
    };
  };

  app.get(`${OPARL_PREFIX}/system`, access('public.view'), async (req, reply) => {
    const a = addresses(originOf(req, config));
    const name = await councilName(db, req.ctx.tenantId, config.COUNCIL_NAME);
    return send(reply, {
      id: a.system,
      type: typeUrl('System'),
      oparlVersion: OPARL_VERSION,
      body: a.bodies,
      name: `${name}: Partnership Hub`,
      license: LICENSE,
      ...(config.MAIL_FROM ? contactOf(config.MAIL_FROM) : {}),
      website: a.web('/'),
    });
  });

  app.get(`${OPARL_PREFIX}/bodies`, access('public.view'), async (req, reply) => {
    const parsed = parseListQuery(req.query as Query);
    if (!parsed.ok) return badFilter(reply, parsed.errors);
    const a = addresses(originOf(req, config));
    const body = await bodyOf(req.ctx.tenantId, a);
    const q = parsed.query;
    const matches =
      (!q.createdSince || body.created >= q.createdSince.toISOString()) &&
      (!q.createdUntil || body.created <= q.createdUntil.toISOString()) &&
      (!q.modifiedSince || body.modified >= q.modifiedSince.toISOString()) &&
      (!q.modifiedUntil || body.modified <= q.modifiedUntil.toISOString());
    const data = matches && q.page === 1 ? [body] : [];
    return send(reply, listPage(data, matches ? 1 : 0, q, a.bodies, req.query as Query));
  });

  app.get<{ Params: { id: string } }>(`${OPARL_PREFIX}/body/:id`, access('public.view'), async (req, reply) => {
    if (req.params.id.toLowerCase() !== req.ctx.tenantId.toLowerCase()) return notFound(reply, 'body');
    return send(reply, await bodyOf(req.ctx.tenantId, addresses(originOf(req, config))));
  });

  app.get(`${OPARL_PREFIX}/legislative-terms`, access('public.view'), async (req, reply) => {
    const parsed = parseListQuery(req.query as Query);
    if (!parsed.ok) return badFilter(reply, parsed.errors);
    const a = addresses(originOf(req, config));
    return send(reply, listPage([], 0, parsed.query, a.legislativeTerms, req.query as Query));
  });

  /** One page of a list (of one committee's meetings, when bodyId is given). */
  const sendList = async (req: FastifyRequest, reply: FastifyReply, kind: ListKind, bodyId?: string) => {
    const parsed = parseListQuery(req.query as Query);
    if (!parsed.ok) return badFilter(reply, parsed.errors);
    const q = parsed.query;
    const a = addresses(originOf(req, config));
    const tenantId = req.ctx.tenantId;
    const { rows, total } = await repo.listObjects(db, tenantId, kind, q, { limit: q.limit, offset: (q.page - 1) * q.limit }, bodyId);
    const data = await shapeAll(db, tenantId, a, kind, rows, q.omitInternal);
    const listUrl = bodyId ? `${a.one('organization', bodyId)}/meetings` : a.list(kind);
    return send(reply, listPage(data, total, q, listUrl, req.query as Query));
  };

  // A committee's or board's meetings (Organization.meeting); a partnership has none of its own here.
  app.get<{ Params: { id: string } }>(`${OPARL_PREFIX}/organization/:id/meetings`, access('public.view'), async (req, reply) => {
    const id = req.params.id.toLowerCase();
    const organization = isUuid(id) ? await repo.getObject(db, req.ctx.tenantId, 'organization', id) : null;
    if (!organization || organization.deleted || organization.source !== 'body') return notFound(reply, 'committee or board');
    return sendList(req, reply, 'meeting', id);
  });

  for (const kind of Object.keys(KINDS) as ListKind[]) {
    const { list, one, type } = KINDS[kind];
    app.get(`${OPARL_PREFIX}/${list}`, access('public.view'), async (req, reply) => sendList(req, reply, kind));

    app.get<{ Params: { id: string } }>(`${OPARL_PREFIX}/${one}/:id`, access('public.view'), async (req, reply) => {
      const id = req.params.id.toLowerCase();
      if (!(kind === 'file' ? isFileId(id) : isUuid(id))) return notFound(reply, type);
      const omit = (req.query as Query).omit_internal === 'true';
      const a = addresses(originOf(req, config));
      const row = await repo.getObject(db, req.ctx.tenantId, kind, id);
      if (!row) return notFound(reply, type);
      const [object] = await shapeAll(db, req.ctx.tenantId, a, kind, [row], omit);
      return send(reply, object);
    });
  }
}

/** The System's contact, from the address the service sends its e-mail from. */
function contactOf(mailFrom: string): { contactEmail?: string; contactName?: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailFrom);
  if (m) return { contactEmail: m[2]!, ...(m[1] ? { contactName: m[1] } : {}) };
  return mailFrom.includes('@') ? { contactEmail: mailFrom.trim() } : {};
}

function badFilter(reply: FastifyReply, errors: { parameter: string; detail: string }[]) {
  return sendProblem(
    reply,
    problem(
      400,
      errors.map((e) => e.detail).join('. '),
      errors.map((e) => ({ pointer: `/query/${e.parameter}`, detail: e.detail })),
    ),
  );
}

/** Rows of one kind as OParl objects, with what they embed read in one query per page. */
async function shapeAll<K extends ListKind>(
  db: Database,
  tenantId: string,
  a: Addresses,
  kind: K,
  rows: RowOf[K][],
  omitInternal: boolean,
): Promise<Record<string, unknown>[]> {
  const { type } = KINDS[kind];
  const live = rows.filter((r) => !r.deleted);
  const items = new Map<string, repo.AgendaItemRow[]>();
  if (kind === 'meeting' && !omitInternal) {
    const all = await repo.agendaItemsOf(
      db,
      tenantId,
      live.map((r) => r.id),
    );
    for (const item of all) items.set(item.meetingId, [...(items.get(item.meetingId) ?? []), item]);
  }
  return rows.map((row) => {
    const url = a.one(kind, row.id);
    if (row.deleted) return shape.tombstone(url, type, row);
    switch (kind) {
      case 'organization':
        return shape.organization(a, row as repo.OrganizationRow, tenantId);
      case 'person':
        return shape.person(a, row as repo.PersonRow, tenantId, omitInternal);
      case 'membership':
        return shape.membership(a, row as repo.MembershipRow);
      case 'meeting':
        return shape.meeting(a, row as repo.MeetingRow, omitInternal ? null : (items.get(row.id) ?? []));
      case 'agendaItem':
        return shape.agendaItem(a, row as repo.AgendaItemRow);
      case 'paper':
        return shape.paper(a, row as repo.PaperRow, tenantId);
      case 'file':
        return shape.file(a, row as repo.FileRow);
      case 'consultation':
        return shape.consultation(a, row as repo.PaperRow);
      default:
        return shape.location(a, row as repo.MeetingRow);
    }
  });
}
