// Commands and queries for the partnership register. Each command validates, checks references,
// runs in one transaction (so the audit trigger records who did it), and either completes or
// throws a ValidationError / NotFoundError / ConflictError having changed nothing.
import type { Database, Queryable } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { changeContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { checkNewEvent, lifespan, statusAt } from './lifecycle.ts';
import { contributionsByYear } from './contributions.ts';
import { checkUpload, isUpload } from '../documents/file-types.ts';
import { insertFile } from '../files/index.ts';
import { maskExempt } from '../publication/exempt.ts';
import * as parts from './parts.repository.ts';
import * as repo from './partnerships.repository.ts';
import { contributionInput, documentInput, eventInput, membershipInput, partnershipInput, type PartnershipInput } from './partnerships.schemas.ts';
import { compareStructures, countNodes, structureAt } from './structure.ts';
import { todayInEngland } from '../calendar/today.ts';

export { todayInEngland };

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function requirePartnership(db: Queryable, tenantId: string, partnershipId: string) {
  const p = await repo.getPartnership(db, tenantId, partnershipId);
  if (!p) throw new NotFoundError('partnership');
  return p;
}

async function checkReferences(tx: Queryable, tenantId: string, checks: [repo.ReferencedTable, string | null | undefined, string, string][]) {
  const errors: Record<string, string> = {};
  for (const [table, value, field, message] of checks) {
    if (!value) continue;
    const found = await repo.existingIds(tx, table, tenantId, [value]);
    if (!found.has(value)) errors[field] = message;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

async function checkPartnershipRefs(tx: Queryable, tenantId: string, input: PartnershipInput, selfId: string | null) {
  const errors: Record<string, string> = {};
  const areas = await repo.existingIds(tx, 'areas', tenantId, input.areaIds);
  if (input.areaIds.some((a) => !areas.has(a))) errors.areaIds = 'Select areas from the list';
  if (input.parentId) {
    const parents = await repo.existingIds(tx, 'partnerships', tenantId, [input.parentId]);
    if (!parents.has(input.parentId)) errors.parentId = 'Select the board it reports to from the list';
    else if (selfId && (input.parentId === selfId || (await repo.descendantIds(tx, tenantId, selfId)).includes(input.parentId))) {
      errors.parentId = 'A partnership cannot report to itself or to one of its own sub-groups';
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

function nameTaken(err: unknown, name: string): never {
  if (isUniqueViolation(err)) throw new ValidationError({ name: `A partnership called ‘${name}’ is already in the register` });
  throw err;
}

const toWrite = (input: PartnershipInput): repo.PartnershipWrite => ({
  name: input.name,
  shortName: input.shortName,
  kind: input.kind,
  subgroupType: input.subgroupType,
  purpose: input.purpose,
  mission: input.mission,
  responsibilities: input.responsibilities,
  termsOfReference: input.termsOfReference,
  termsOfReferenceUrl: input.termsOfReferenceUrl,
  areaIds: [...new Set(input.areaIds)],
});

export async function createPartnership(db: Database, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseOrThrow(partnershipInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkPartnershipRefs(tx, ctx.tenantId, input, null);
    const id = await repo.insertPartnership(tx, ctx.tenantId, toWrite(input)).catch((err) => nameTaken(err, input.name));
    if (input.parentId) {
      await parts.insertReportingLine(tx, ctx.tenantId, { partnershipId: id, parentId: input.parentId, startDate: null, endDate: null });
    }
    return id;
  });
}

/**
 * Saves an edit made from `version`. A change of parent closes the current reporting line
 * yesterday and opens a new one today, so the landscape keeps the old structure for old dates.
 */
export async function updatePartnership(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(partnershipInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, id);
    await checkPartnershipRefs(tx, ctx.tenantId, input, id);
    const ok = await repo.updatePartnership(tx, ctx.tenantId, id, version, toWrite(input)).catch((err) => nameTaken(err, input.name));
    if (!ok) throw new ConflictError();
    const line = await parts.currentParentLine(tx, ctx.tenantId, id);
    if ((line?.parentId ?? null) === input.parentId) return;
    const now = todayInEngland();
    if (line) {
      if (line.startDate && line.startDate >= now) await parts.deleteReportingLine(tx, ctx.tenantId, line.id);
      else await parts.endReportingLine(tx, ctx.tenantId, line.id, dayBefore(now));
    }
    if (input.parentId) {
      await parts.insertReportingLine(tx, ctx.tenantId, { partnershipId: id, parentId: input.parentId, startDate: line ? now : null, endDate: null });
    }
  });
}

export async function deletePartnership(db: Database, ctx: RequestContext, id: string, version: number) {
  await db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, id);
    const children = await repo.descendantIds(tx, ctx.tenantId, id);
    if (children.length) {
      throw new ValidationError(
        { _: 'This partnership has sub-groups. Move or delete its sub-groups first' },
        'This partnership has sub-groups. Move or delete its sub-groups first',
      );
    }
    if (!(await repo.deletePartnership(tx, ctx.tenantId, id, version))) throw new ConflictError();
  });
}

export async function addEvent(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(eventInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    await checkReferences(tx, ctx.tenantId, [['partnerships', input.relatedPartnershipId, 'relatedPartnershipId', 'Select the partnership from the list']]);
    if (input.relatedPartnershipId === partnershipId) {
      throw new ValidationError({ relatedPartnershipId: 'Select a different partnership: it cannot merge into or replace itself' });
    }
    const existing = await parts.listEvents(tx, ctx.tenantId, partnershipId);
    const problem = checkNewEvent(existing, input);
    if (problem) throw new ValidationError({ eventDate: problem });
    return parts.insertEvent(tx, ctx.tenantId, partnershipId, input);
  });
}

export async function addMembership(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(membershipInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    await checkReferences(tx, ctx.tenantId, [
      ['people', input.personId, 'personId', 'Select the person from the list'],
      ['organisations', input.organisationId, 'organisationId', 'Select the organisation from the list'],
      ['organisations', input.onBehalfOfId, 'onBehalfOfId', 'Select the organisation from the list'],
    ]);
    return parts.insertMembership(tx, ctx.tenantId, partnershipId, {
      personId: input.personId,
      organisationId: input.organisationId,
      role: input.role,
      onBehalfOfId: input.onBehalfOfId,
      remit: input.remit,
      startDate: input.startDate,
      endDate: input.endDate,
    });
  });
}

export async function addContribution(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(contributionInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    await checkReferences(tx, ctx.tenantId, [['organisations', input.organisationId, 'organisationId', 'Select the organisation from the list']]);
    return parts.insertContribution(tx, ctx.tenantId, partnershipId, input).catch((err) => {
      if (isUniqueViolation(err)) {
        const as = input.kind === 'in_kind' ? 'in kind' : 'in cash';
        throw new ValidationError({ financialYear: `This organisation already has a contribution recorded for that financial year ${as}` });
      }
      throw err;
    });
  });
}

/** Adds a source document, with its uploaded file (from the form) when there is one. */
export async function addDocument(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const upload = (raw as { upload?: unknown } | null)?.upload;
  const input = parseOrThrow(documentInput, raw);
  const checked = isUpload(upload) ? checkUpload(upload) : null;
  if (checked && !checked.ok) throw new ValidationError({ file: checked.error });
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    const fileId =
      checked?.ok && isUpload(upload)
        ? await insertFile(tx, ctx.tenantId, { filename: checked.filename, contentType: checked.type.contentType, data: upload.data })
        : null;
    return parts.insertDocument(tx, ctx.tenantId, partnershipId, { ...input, fileId });
  });
}

/** Records that a member stood down (or an organisation left) on a date; the membership stays in the history. */
export async function endMembership(db: Database, ctx: RequestContext, partnershipId: string, membershipId: string, endDate: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    const membership = await parts.getMembershipStart(tx, ctx.tenantId, partnershipId, membershipId);
    if (!membership) throw new NotFoundError('membership');
    if (membership.startDate && endDate < membership.startDate) {
      throw new ValidationError({ endDate: 'End date must be the same as or after the start date' });
    }
    await parts.setMembershipEnd(tx, ctx.tenantId, membershipId, endDate);
  });
}

/** Removes one part (event, membership, contribution, document) of a partnership. */
export async function removePart(db: Database, ctx: RequestContext, partnershipId: string, kind: parts.PartKind, partId: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    const removed = await parts.removePart(tx, ctx.tenantId, partnershipId, kind, partId);
    if (!removed) throw new NotFoundError(kind === 'reporting-lines' ? 'reporting line' : kind.replace(/s$/, ''));
  });
}

/** Publishes a partnership to the public register, or withdraws it. The audit trail records who did. */
export async function setPublication(db: Database, ctx: RequestContext, id: string, state: 'published' | 'withdrawn') {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.setPublicationState(tx, ctx.tenantId, id, state))) throw new NotFoundError('partnership');
  });
}

/**
 * Everything the partnership page and the API's detail show. The public (includeDrafts false)
 * get a 404 for anything unpublished, never see unpublished partnerships in its structure, and
 * see exempt documents only as a notice of the paragraph that applies.
 */
export async function partnershipDetail(db: Queryable, tenantId: string, id: string, { asAt = todayInEngland(), includeDrafts = true } = {}) {
  const partnership = await requirePartnership(db, tenantId, id);
  if (!includeDrafts && partnership.publicationState !== 'published') throw new NotFoundError('partnership');
  const loaded = await parts.loadPartnershipWithParts(db, tenantId, id, !includeDrafts);
  const { memberships, contributions, areas } = loaded;
  // A timeline event names another partnership (replaced by, merged into) only where the public may see it.
  const events = loaded.events.map(({ relatedPartnershipPublic, ...e }) =>
    includeDrafts || relatedPartnershipPublic ? e : { ...e, relatedPartnershipId: null, relatedPartnershipName: null },
  );
  const documents = includeDrafts ? loaded.documents : loaded.documents.map(maskExempt);
  const lines = includeDrafts ? loaded.lines : loaded.lines.filter((l) => l.bothPublished);
  const covers = (l: { startDate: string | null; endDate: string | null }) => (!l.startDate || l.startDate <= asAt) && (!l.endDate || l.endDate >= asAt);
  const parentLines = lines.filter((l) => l.partnershipId === id);
  const childLines = lines.filter((l) => l.parentId === id);
  return {
    partnership,
    status: statusAt(events, asAt),
    lifespan: lifespan(events),
    events,
    memberships,
    people: memberships.filter((m) => m.personId),
    memberOrganisations: memberships.filter((m) => m.organisationId),
    contributions,
    contributionYears: contributionsByYear(contributions),
    documents,
    areas,
    parentLines,
    currentParent: parentLines.find(covers) ?? null,
    subgroups: childLines.filter(covers),
    formerSubgroups: childLines.filter((l) => !covers(l)),
    termsOfReferenceDocument: documents.find((d) => d.kind === 'terms_of_reference' && d.fileId) ?? null,
  };
}
export type PartnershipDetail = Awaited<ReturnType<typeof partnershipDetail>>;

/** The landscape (structure tree) as at one or two dates, with what changed between them. */
export async function landscape(db: Queryable, tenantId: string, dates: string[], includeDrafts = false) {
  const { partnerships, lines } = await repo.loadStructure(db, tenantId, includeDrafts);
  const trees = dates.map((date) => {
    const roots = structureAt(partnerships, lines, date);
    return { date, roots, count: countNodes(roots) };
  });
  const comparison = trees.length === 2 ? compareStructures(trees[0]!.roots, trees[1]!.roots) : null;
  return { trees, comparison };
}

/**
 * The contact table of seed 001: for each partnership with contacts on the date, its officer
 * contacts beside its member contacts, paired row by row.
 */
export async function contactTable(db: Queryable, tenantId: string, asAt: string, includeDrafts = false) {
  const rows = await repo.listContacts(db, tenantId, asAt, includeDrafts);
  const byPartnership = new Map<string, { partnershipId: string; partnershipName: string; officers: repo.ContactRow[]; members: repo.ContactRow[] }>();
  for (const row of rows) {
    const entry = byPartnership.get(row.partnershipId) ?? { partnershipId: row.partnershipId, partnershipName: row.partnershipName, officers: [], members: [] };
    (row.role === 'officer_contact' ? entry.officers : entry.members).push(row);
    byPartnership.set(row.partnershipId, entry);
  }
  return [...byPartnership.values()].map((e) => ({
    ...e,
    pairs: Array.from({ length: Math.max(e.officers.length, e.members.length) }, (_, i) => ({ officer: e.officers[i] ?? null, member: e.members[i] ?? null })),
  }));
}
