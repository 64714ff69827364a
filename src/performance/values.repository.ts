// SQL for importing and exporting indicator values: the indicators an import checks rows against,
// which of a file's values and targets are already stored, set-based writes of values and targets
// (unnest arrays, in batches: plain inserts of new ones, upserts of stored ones), the import's audit
// event and the values it holds, and every value and target for the export.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { ImportIndicator, ParsedValueRow } from './values-validation.ts';

/** The tenant's live indicators, as validation needs them. */
export async function loadIndicators(db: Queryable, tenantId: string): Promise<ImportIndicator[]> {
  return db.query<ImportIndicator>(`select id, code, title, frequency, unit, decimals from indicators where tenant_id = $1 and deleted_at is null`, [tenantId]);
}

/** Every stored value of these indicators, for the import's "is this right?" check against their history. */
export async function valueHistory(db: Queryable, tenantId: string, indicatorIds: string[]) {
  const rows = await db.query<{ indicatorId: string; value: string }>(
    `select indicator_id as "indicatorId", value from indicator_values
     where tenant_id = $1 and indicator_id = any($2::uuid[]) and deleted_at is null and value is not null`,
    [tenantId, indicatorIds],
  );
  return rows.map((r) => ({ indicatorId: r.indicatorId, value: Number(r.value) }));
}

/** The key of a value or target in liveKeys' sets: its indicator's id, then its period's first day. */
export const rowKey = (indicatorId: string, periodStart: string) => indicatorId + periodStart;

/**
 * Which of these rows' values and targets are already stored (live): their keys (rowKey). Read by
 * indicator and the file's span of periods, through the (indicator_id, period_start) indexes.
 */
export async function liveKeys(db: Queryable, tenantId: string, rows: readonly ParsedValueRow[]) {
  const keys = { values: new Set<string>(), targets: new Set<string>() };
  if (rows.length === 0) return keys;
  const ids = new Set<string>();
  let from = rows[0]!.periodStart;
  let to = from;
  for (const r of rows) {
    ids.add(r.indicatorId);
    if (r.periodStart < from) from = r.periodStart;
    if (r.periodStart > to) to = r.periodStart;
  }
  const where = `where tenant_id = $1 and indicator_id = any($2::uuid[]) and period_start between $3::date and $4::date and deleted_at is null`;
  const found = await db.query<{ target: boolean; key: string }>(
    `select false as target, indicator_id::text || period_start::text as key from indicator_values ${where}
     union all select true, indicator_id::text || period_start::text from indicator_targets ${where}`,
    [tenantId, [...ids], from, to],
  );
  for (const f of found) (f.target ? keys.targets : keys.values).add(f.key);
  return keys;
}

// ---- Batches of values and targets ----------------------------------------------------------------------

// PostgreSQL array literals, written directly: cheaper than the driver's general conversion. Each is one join of
// its elements (one string), not a growing concatenation, which the driver would have to flatten again.
const plainArray = (items: string[]) => `{${items.join(',')}}`;
const numberArray = <T>(rows: readonly T[], pick: (row: T) => number | null) => {
  const parts = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const n = pick(rows[k]!);
    parts[k] = n === null || n === undefined ? 'NULL' : String(n);
  }
  return `{${parts.join(',')}}`;
};
const textArray = <T>(rows: readonly T[], pick: (row: T) => string) => {
  const parts = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const s = pick(rows[k]!);
    parts[k] = s === '' ? '""' : `"${/["\\]/.test(s) ? s.replace(/["\\]/g, '\\$&') : s}"`;
  }
  return `{${parts.join(',')}}`;
};

/**
 * Ids for new rows that increase in the order written (the layout of a version 7 UUID: the time
 * in milliseconds, then random bits fixed for the import, then a counter). Random ids would land
 * all over the primary key index and the audit trail's entity index, touching a different page
 * for nearly every row; these append to a few pages, which makes large imports cheaper.
 */
export function timeOrderedIds(): (count: number) => string[] {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomBytes(5).toString('hex');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${((parseInt(random[3]!, 16) & 0x3) | 0x8).toString(16)}${random.slice(4, 7)}-${random.slice(7, 9)}`;
  let counter = 0;
  return (count) => {
    const ids = new Array<string>(count);
    for (let k = 0; k < count; k++) ids[k] = prefix + (counter++).toString(16).padStart(10, '0');
    return ids;
  };
}

// The first three parameters of both batch upserts: the tenant ($1), then each row's indicator ($2) and period ($3).
const batchKeys = (tenantId: string, rows: ParsedValueRow[]) => [
  tenantId,
  plainArray(rows.map((r) => r.indicatorId)),
  plainArray(rows.map((r) => r.periodStart)),
];

/** The parameters of upsertValueBatch for these rows, with ids for the rows that are new. */
export function valueBatchParams(tenantId: string, rows: ParsedValueRow[], ids: string[], part: PartHead): unknown[] {
  return [
    ...batchKeys(tenantId, rows),
    numberArray(rows, (r) => r.value),
    numberArray(rows, (r) => r.numerator),
    numberArray(rows, (r) => r.denominator),
    plainArray(rows.map((r) => r.status)),
    textArray(rows, (r) => r.commentary),
    textArray(rows, (r) => r.correctiveAction),
    numberArray(rows, (r) => r.statNeighbours),
    numberArray(rows, (r) => r.england),
    plainArray(ids),
    part.importId,
    partHead(part, VALUE_FIELDS),
  ];
}

/** The parameters of upsertTargetBatch for these rows, with ids for the rows that are new. */
export function targetBatchParams(tenantId: string, rows: ParsedValueRow[], ids: string[], part: PartHead): unknown[] {
  return [...batchKeys(tenantId, rows), numberArray(rows, (r) => r.target), plainArray(ids), part.importId, partHead(part, ['value'])];
}

/** Which import a batch belongs to, and which part of its audit event the batch writes (from 1, in order). */
export interface PartHead {
  importId: string;
  name: string;
  part: number;
}

/** The head of a part that holds changes to stored rows (CHANGE_COLUMNS of these fields). */
const partHead = (p: PartHead, fields: string[]) => JSON.stringify({ name: `${p.name}, part ${p.part}`, part: p.part, columns: CHANGE_COLUMNS, fields });
/** The head of a part that holds new rows, as the arrays the batch wrote (its `new_values` or `new_targets`). */
const newPartHead = (p: PartHead, columns: string[]) =>
  JSON.stringify({ name: `${p.name}, part ${p.part}`, part: p.part, new_columns: columns, new_note: NEW_NOTE });

/** The parameters of insertNewValueBatch: those of the upsert, with the head of a part of new values. */
export function newValueBatchParams(tenantId: string, rows: ParsedValueRow[], ids: string[], part: PartHead): unknown[] {
  const params = valueBatchParams(tenantId, rows, ids, part);
  params[13] = newPartHead(part, NEW_VALUE_COLUMNS);
  return params;
}

/** The parameters of insertNewTargetBatch: those of the upsert, with the head of a part of new targets. */
export function newTargetBatchParams(tenantId: string, rows: ParsedValueRow[], ids: string[], part: PartHead): unknown[] {
  const params = targetBatchParams(tenantId, rows, ids, part);
  params[6] = newPartHead(part, NEW_TARGET_COLUMNS);
  return params;
}

// ---- The import's audit event ------------------------------------------------------------------------

/** The fields of a value each part of the audit event holds before and after, in this order. */
export const VALUE_FIELDS = ['value', 'numerator', 'denominator', 'status', 'commentary', 'corrective_action', 'stat_neighbours', 'england', 'published'];
/** The columns a part of new values holds, each an array with one element per value, in this order. */
export const NEW_VALUE_COLUMNS = [
  'indicator_id',
  'period_start',
  'value',
  'numerator',
  'denominator',
  'status',
  'commentary',
  'corrective_action',
  'stat_neighbours',
  'england',
];
/** The columns a part of new targets holds. */
export const NEW_TARGET_COLUMNS = ['indicator_id', 'period_start', 'value'];
const NEW_NOTE = 'Rows new to the store (nothing before; not published): each column a PostgreSQL array literal, element k of each being row k';
/** The import's audit event: one row of entity type 'indicator_value_imports' with the file, and its parts (same entity id). */
export const IMPORT_EVENT = 'indicator_value_imports';
/** What each entry of a part's `values` and `targets` holds. */
export const CHANGE_COLUMNS = ['indicator_id', 'period_start', 'before (null when new)', 'after'];

/** Who and which request an audit row names: the transaction's settings, as the audit trigger reads them. */
const ACTOR = `coalesce(nullif(current_setting('app.actor', true), ''), 'system')`;
const REQUEST = `nullif(current_setting('app.request_id', true), '')`;

/**
 * The end of a batch's statement: what its CTE "changes" (n, list) wrote becomes one part of the import's event
 * (its id and head in the parameters named; the list under listKey), unless it wrote nothing; the statement answers n.
 */
const writePart = (idParam: string, headParam: string, kind: 'values' | 'targets', listKey: string = kind) => `part as (
    insert into audit_log (tenant_id, actor, action, entity_type, entity_id, after, request_id)
    select $1, ${ACTOR}, 'insert', '${IMPORT_EVENT}', ${idParam}::uuid,
      ${headParam}::jsonb || jsonb_build_object('${kind}_written', changes.n, '${listKey}', changes.list), ${REQUEST}
    from changes where changes.n > 0)
  select n from changes`;

/**
 * Values upserted: a changed value is unpublished; one the batch repeats unchanged is not written. The row trigger
 * is skipped (the caller's withBatchAudit): what the statement wrote, with each value's fields before (null when
 * new) and after, is one part of the import's audit event ($13 its id, $14 the part's head); a batch that writes
 * nothing writes no part. Returns the number of values written.
 */
export async function upsertValueBatch(tx: Queryable, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with x as (
    select * from unnest($12::uuid[], $2::uuid[], $3::date[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::numeric[])
      as x (id, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england)),
  old as (
    select v.indicator_id, v.period_start,
      jsonb_build_array(v.value, v.numerator, v.denominator, v.status, v.commentary, v.corrective_action, v.stat_neighbours, v.england, v.published) as fields
    from indicator_values v join x using (indicator_id, period_start) where v.tenant_id = $1 and v.deleted_at is null),
  up as (
    insert into indicator_values as v (id, tenant_id, indicator_id, period_start, value, numerator, denominator, status, commentary,
      corrective_action, stat_neighbours, england)
    select id, $1, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england from x
    on conflict (tenant_id, indicator_id, period_start) where deleted_at is null do update set value = excluded.value, numerator = excluded.numerator,
      denominator = excluded.denominator, status = excluded.status, commentary = excluded.commentary, corrective_action = excluded.corrective_action,
      stat_neighbours = excluded.stat_neighbours, england = excluded.england, published = false
    where (v.value, v.numerator, v.denominator, v.status, v.commentary, v.corrective_action, v.stat_neighbours, v.england)
      is distinct from (excluded.value, excluded.numerator, excluded.denominator, excluded.status, excluded.commentary, excluded.corrective_action,
      excluded.stat_neighbours, excluded.england)
    returning v.indicator_id, v.period_start,
      jsonb_build_array(v.value, v.numerator, v.denominator, v.status, v.commentary, v.corrective_action, v.stat_neighbours, v.england, v.published) as fields),
  changes as (
    select count(*)::int as n, coalesce(jsonb_agg(jsonb_build_array(u.indicator_id, u.period_start, o.fields, u.fields)), '[]') as list
    from up u left join old o using (indicator_id, period_start)),
  ${writePart('$13', '$14', 'values')}`,
    params,
  );
  return rows[0]!.n;
}

/** Targets upserted; one the batch repeats unchanged is not written. Audited as a part of the import's event, as values are. */
export async function upsertTargetBatch(tx: Queryable, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with x as (select * from unnest($5::uuid[], $2::uuid[], $3::date[], $4::numeric[]) as x (id, indicator_id, period_start, value)),
  old as (
    select t.indicator_id, t.period_start, t.value from indicator_targets t join x using (indicator_id, period_start)
    where t.tenant_id = $1 and t.deleted_at is null),
  up as (
    insert into indicator_targets as t (id, tenant_id, indicator_id, period_start, value)
    select id, $1, indicator_id, period_start, value from x
    on conflict (tenant_id, indicator_id, period_start) where deleted_at is null do update set value = excluded.value
    where t.value is distinct from excluded.value
    returning t.indicator_id, t.period_start, t.value),
  changes as (
    select count(*)::int as n, coalesce(jsonb_agg(jsonb_build_array(u.indicator_id, u.period_start, o.value, u.value)), '[]') as list
    from up u left join old o using (indicator_id, period_start)),
  ${writePart('$6', '$7', 'targets')}`,
    params,
  );
  return rows[0]!.n;
}

/**
 * New values inserted (the caller has found none of them stored: liveKeys). No per-row work beyond the insert:
 * the part of the audit event is the batch's own arrays, as sent ($2-$11), each the after of its rows (nothing
 * before; published false). A value stored meanwhile by someone else is a unique violation, and the import stops.
 * Takes newValueBatchParams. Returns the number of values written.
 */
export async function insertNewValueBatch(tx: Queryable, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with up as (
    insert into indicator_values (id, tenant_id, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action,
      stat_neighbours, england)
    select id, $1, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england
    from unnest($12::text::uuid[], $2::text::uuid[], $3::text::date[], $4::text::numeric[], $5::text::numeric[], $6::text::numeric[], $7::text::text[],
      $8::text::text[], $9::text::text[], $10::text::numeric[], $11::text::numeric[])
      as x (id, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england)
    returning 1),
  changes as (select count(*)::int as n, jsonb_build_object('indicator_id', $2::text, 'period_start', $3::text, 'value', $4::text, 'numerator', $5::text,
    'denominator', $6::text, 'status', $7::text, 'commentary', $8::text, 'corrective_action', $9::text, 'stat_neighbours', $10::text,
    'england', $11::text) as list from up),
  ${writePart('$13', '$14', 'values', 'new_values')}`,
    params,
  );
  return rows[0]!.n;
}

/** New targets inserted, audited as new values are (insertNewValueBatch). Takes newTargetBatchParams. */
export async function insertNewTargetBatch(tx: Queryable, params: unknown[]): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with up as (
    insert into indicator_targets (id, tenant_id, indicator_id, period_start, value)
    select id, $1, indicator_id, period_start, value from unnest($5::text::uuid[], $2::text::uuid[], $3::text::date[], $4::text::numeric[])
      as x (id, indicator_id, period_start, value)
    returning 1),
  changes as (select count(*)::int as n, jsonb_build_object('indicator_id', $2::text, 'period_start', $3::text, 'value', $4::text) as list from up),
  ${writePart('$6', '$7', 'targets', 'new_targets')}`,
    params,
  );
  return rows[0]!.n;
}

/** One value or target an import wrote: its fields before (null when new) and after (VALUE_FIELDS, or the target). */
export interface ImportedChange {
  kind: 'value' | 'target';
  indicatorId: string;
  periodStart: string;
  before: unknown;
  after: unknown;
}

/**
 * Every value and target an import wrote, from its audit event alone (the parts of new rows and of changed
 * ones), by kind, indicator and period: the trail's answer to "what did this import change, from what".
 */
export async function importedChanges(db: Queryable, tenantId: string, importId: string): Promise<ImportedChange[]> {
  return db.query<ImportedChange>(
    `with parts as (select after from audit_log where tenant_id = $1 and entity_type = '${IMPORT_EVENT}' and entity_id = $2::uuid)
    select 'value' as kind, x.indicator_id as "indicatorId", x.period_start::text as "periodStart", null::jsonb as before,
      jsonb_build_array(x.value, x.numerator, x.denominator, x.status, x.commentary, x.corrective_action, x.stat_neighbours, x.england, false) as after
    from parts p cross join unnest((p.after->'new_values'->>'indicator_id')::uuid[], (p.after->'new_values'->>'period_start')::date[],
      (p.after->'new_values'->>'value')::numeric[], (p.after->'new_values'->>'numerator')::numeric[], (p.after->'new_values'->>'denominator')::numeric[],
      (p.after->'new_values'->>'status')::text[], (p.after->'new_values'->>'commentary')::text[], (p.after->'new_values'->>'corrective_action')::text[],
      (p.after->'new_values'->>'stat_neighbours')::numeric[], (p.after->'new_values'->>'england')::numeric[])
      as x (indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england)
    where p.after ? 'new_values'
    union all
    select 'target', x.indicator_id, x.period_start::text, null, to_jsonb(x.value)
    from parts p cross join unnest((p.after->'new_targets'->>'indicator_id')::uuid[], (p.after->'new_targets'->>'period_start')::date[],
      (p.after->'new_targets'->>'value')::numeric[]) as x (indicator_id, period_start, value)
    where p.after ? 'new_targets'
    union all
    select case when k = 'values' then 'value' else 'target' end, (e->>0)::uuid, e->>1, e->2, e->3
    from parts p cross join lateral (values ('values'), ('targets')) as kinds (k) cross join jsonb_array_elements(p.after->k) e
    where jsonb_typeof(p.after->k) = 'array'
    order by 1 desc, 2, 3`,
    [tenantId, importId],
  );
}

/** The import's event itself, written after its parts: the file, what was written, and how many parts hold it. */
export async function insertImportEvent(tx: Queryable, tenantId: string, importId: string, after: Record<string, unknown>) {
  await tx.query(
    `insert into audit_log (tenant_id, actor, action, entity_type, entity_id, after, request_id)
     values ($1, ${ACTOR}, 'insert', '${IMPORT_EVENT}', $2::uuid, $3::jsonb, ${REQUEST})`,
    [tenantId, importId, JSON.stringify(after)],
  );
}

// ---- Export -----------------------------------------------------------------------------------------------

export interface ExportRow {
  code: string | null;
  title: string;
  frequency: string;
  periodStart: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: string | null;
  target: string | null;
  statNeighbours: string | null;
  england: string | null;
  commentary: string | null;
  correctiveAction: string | null;
}

/** Every live value and target of the tenant's live indicators, numbers as exact text, by indicator and period. */
export async function valuesForExport(db: Queryable, tenantId: string) {
  return db.query<ExportRow>(
    `select i.code, i.title, i.frequency, x.period_start as "periodStart", trim_scale(x.value)::text as value, trim_scale(x.numerator)::text as numerator,
       trim_scale(x.denominator)::text as denominator, x.status, trim_scale(x.target)::text as target, trim_scale(x.stat_neighbours)::text as "statNeighbours",
       trim_scale(x.england)::text as england, x.commentary, x.corrective_action as "correctiveAction"
     from (select coalesce(v.indicator_id, t.indicator_id) as indicator_id, coalesce(v.period_start, t.period_start) as period_start, v.value, v.numerator,
             v.denominator, v.status, t.value as target, v.stat_neighbours, v.england, v.commentary, v.corrective_action
           from (select * from indicator_values where tenant_id = $1 and deleted_at is null) v
             full join (select * from indicator_targets where tenant_id = $1 and deleted_at is null) t
               on t.indicator_id = v.indicator_id and t.period_start = v.period_start) x
       join indicators i on i.id = x.indicator_id and i.deleted_at is null
     order by lower(i.code) nulls last, i.title, i.id, x.period_start`,
    [tenantId],
  );
}
