// SQL for risk registers: risks, their mitigating actions (plan actions), and the risk matrix each
// partnership scores on (its risk_matrices row, else the default 5 × 5).
import type { Queryable } from '../db/database.ts';
import { compareReferences, DEFAULT_MATRIX, type RiskMatrix } from './rules.ts';
import type { RiskInput } from './risks.schemas.ts';

// ---- Matrices ------------------------------------------------------------------------------------------

export interface MatrixRow extends RiskMatrix {
  /** Null while the partnership uses the default matrix. */
  id: string | null;
  version: number | null;
}

const MATRIX_COLUMNS = `id, partnership_id as "partnershipId", likelihood_labels as "likelihoodLabels", impact_labels as "impactLabels",
  level_minimums as "levelMinimums", version`;
type StoredMatrix = MatrixRow & { partnershipId: string };
const toMatrix = (r: StoredMatrix): MatrixRow => ({
  id: r.id,
  version: r.version,
  likelihoodLabels: [...r.likelihoodLabels],
  impactLabels: [...r.impactLabels],
  levelMinimums: r.levelMinimums.map(Number),
});
const defaultMatrix = (): MatrixRow => ({
  id: null,
  version: null,
  likelihoodLabels: [...DEFAULT_MATRIX.likelihoodLabels],
  impactLabels: [...DEFAULT_MATRIX.impactLabels],
  levelMinimums: [...DEFAULT_MATRIX.levelMinimums],
});

/** The matrix a partnership scores its risks on: its own, else DEFAULT_MATRIX. */
export async function matrixFor(db: Queryable, tenantId: string, partnershipId: string): Promise<MatrixRow> {
  const rows = await db.query<StoredMatrix>(
    `select ${MATRIX_COLUMNS} from risk_matrices
    where tenant_id = $1 and partnership_id = $2 and deleted_at is null`,
    [tenantId, partnershipId],
  );
  return rows[0] ? toMatrix(rows[0]) : defaultMatrix();
}

/** Every partnership's own matrix, by partnership id; partnerships not in the map use the default. */
export async function configuredMatrices(db: Queryable, tenantId: string): Promise<Map<string, MatrixRow>> {
  const rows = await db.query<StoredMatrix>(`select ${MATRIX_COLUMNS} from risk_matrices where tenant_id = $1 and deleted_at is null`, [tenantId]);
  return new Map(rows.map((r) => [r.partnershipId, toMatrix(r)]));
}

export const matrixOf = (matrices: Map<string, MatrixRow>, partnershipId: string) => matrices.get(partnershipId) ?? defaultMatrix();

export async function insertMatrix(tx: Queryable, tenantId: string, partnershipId: string, m: RiskMatrix) {
  const rows = await tx.query<{ id: string }>(
    `insert into risk_matrices (tenant_id, partnership_id, likelihood_labels, impact_labels, level_minimums)
    values ($1, $2, $3::text[], $4::text[], $5::int[]) returning id`,
    [tenantId, partnershipId, m.likelihoodLabels, m.impactLabels, m.levelMinimums],
  );
  return rows[0]!.id;
}

export async function updateMatrix(tx: Queryable, tenantId: string, id: string, version: number, m: RiskMatrix) {
  const rows = await tx.query<{ id: string }>(
    `update risk_matrices set likelihood_labels = $4::text[], impact_labels = $5::text[], level_minimums = $6::int[]
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, m.likelihoodLabels, m.impactLabels, m.levelMinimums],
  );
  return rows.length === 1;
}

/** How many of a partnership's risks are scored beyond these scales (on likelihood, on impact, either). */
export async function risksBeyond(db: Queryable, tenantId: string, partnershipId: string, likelihoodPoints: number, impactPoints: number) {
  const rows = await db.query<{ likelihood: number; impact: number; total: number }>(
    `select
      count(*) filter (where greatest(inherent_likelihood, residual_likelihood) > $3)::int as likelihood,
      count(*) filter (where greatest(inherent_impact, residual_impact) > $4)::int as impact,
      count(*) filter (where greatest(inherent_likelihood, residual_likelihood) > $3 or greatest(inherent_impact, residual_impact) > $4)::int as total
    from risks where tenant_id = $1 and partnership_id = $2 and deleted_at is null`,
    [tenantId, partnershipId, likelihoodPoints, impactPoints],
  );
  return rows[0]!;
}

// ---- Risks ---------------------------------------------------------------------------------------------

export interface RiskRow {
  id: string;
  partnershipId: string;
  partnershipName: string;
  planId: string | null;
  planTitle: string | null;
  reference: string;
  title: string;
  cause: string;
  effect: string;
  owner: string;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  controls: string;
  reviewDate: string | null;
  trend: 'new' | 'improving' | 'stable' | 'worsening';
  status: 'open' | 'closed';
  mitigationCount: number;
  version: number;
  modified: Date;
}

const RISK_COLUMNS = `r.id, r.partnership_id as "partnershipId", pa.name as "partnershipName", r.plan_id as "planId", pl.title as "planTitle",
  r.reference, r.title, r.cause, r.effect, r.owner, r.inherent_likelihood as "inherentLikelihood", r.inherent_impact as "inherentImpact",
  r.residual_likelihood as "residualLikelihood", r.residual_impact as "residualImpact", r.controls,
  to_char(r.review_date, 'YYYY-MM-DD') as "reviewDate", r.trend, r.status,
  (select count(*)::int from risk_mitigations m join plan_actions a on a.id = m.action_id
    where m.risk_id = r.id and m.deleted_at is null and a.deleted_at is null) as "mitigationCount", r.version, r.modified`;
const RISK_FROM = `risks r join partnerships pa on pa.id = r.partnership_id left join plans pl on pl.id = r.plan_id and pl.deleted_at is null`;

export async function listRisks(db: Queryable, tenantId: string, f: { partnershipId?: string; status?: 'open' | 'closed' } = {}) {
  const params: unknown[] = [tenantId];
  const where = ['r.tenant_id = $1', 'r.deleted_at is null'];
  if (f.partnershipId) {
    params.push(f.partnershipId);
    where.push(`r.partnership_id = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`r.status = $${params.length}`);
  }
  return db.query<RiskRow>(
    `select ${RISK_COLUMNS} from ${RISK_FROM} where ${where.join(' and ')}
    order by lower(pa.name), r.reference, lower(r.title)`,
    params,
  );
}

export async function getRisk(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<RiskRow>(`select ${RISK_COLUMNS} from ${RISK_FROM} where r.tenant_id = $1 and r.id = $2 and r.deleted_at is null`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

export type RiskFields = Omit<RiskInput, 'actionIds'>;
const riskValues = (r: RiskFields) => [
  r.partnershipId,
  r.planId,
  r.reference,
  r.title,
  r.cause,
  r.effect,
  r.owner,
  r.inherentLikelihood,
  r.inherentImpact,
  r.residualLikelihood,
  r.residualImpact,
  r.controls,
  r.reviewDate,
  r.trend,
  r.status,
];

export async function insertRisk(tx: Queryable, tenantId: string, r: RiskFields) {
  const rows = await tx.query<{ id: string }>(
    `insert into risks (tenant_id, partnership_id, plan_id, reference, title, cause, effect, owner,
      inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, controls, review_date, trend, status)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id`,
    [tenantId, ...riskValues(r)],
  );
  return rows[0]!.id;
}

export async function updateRisk(tx: Queryable, tenantId: string, id: string, version: number, r: RiskFields) {
  const rows = await tx.query<{ id: string }>(
    `update risks set partnership_id = $4, plan_id = $5, reference = $6, title = $7, cause = $8, effect = $9, owner = $10,
      inherent_likelihood = $11, inherent_impact = $12, residual_likelihood = $13, residual_impact = $14, controls = $15, review_date = $16,
      trend = $17, status = $18
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...riskValues(r)],
  );
  return rows.length === 1;
}

// ---- Mitigating actions ------------------------------------------------------------------------------------

export interface ActionChoice {
  id: string;
  planId: string;
  planTitle: string;
  partnershipId: string;
  reference: string;
  description: string;
  status: string;
}

const byPlanAndReference = (a: ActionChoice, b: ActionChoice) => a.planTitle.localeCompare(b.planTitle) || compareReferences(a.reference, b.reference);

/** The actions of a partnership's plans (of every partnership's plans when none is given) that can mitigate its risks. */
export async function actionChoices(db: Queryable, tenantId: string, partnershipId: string | null) {
  const rows = await db.query<ActionChoice>(
    `select a.id, a.plan_id as "planId", pl.title as "planTitle", pl.partnership_id as "partnershipId",
      a.reference, a.description, a.status
    from plan_actions a join plans pl on pl.id = a.plan_id
    where a.tenant_id = $1 and a.deleted_at is null and pl.deleted_at is null and pl.partnership_id is not null
      ${partnershipId ? 'and pl.partnership_id = $2' : ''}`,
    partnershipId ? [tenantId, partnershipId] : [tenantId],
  );
  return rows.sort(byPlanAndReference);
}

export async function mitigationsOf(db: Queryable, tenantId: string, riskId: string) {
  const rows = await db.query<ActionChoice>(
    `select a.id, a.plan_id as "planId", pl.title as "planTitle", pl.partnership_id as "partnershipId",
      a.reference, a.description, a.status
    from risk_mitigations m join plan_actions a on a.id = m.action_id join plans pl on pl.id = a.plan_id
    where m.tenant_id = $1 and m.risk_id = $2 and m.deleted_at is null and a.deleted_at is null`,
    [tenantId, riskId],
  );
  return rows.sort(byPlanAndReference);
}

export async function replaceMitigations(tx: Queryable, tenantId: string, riskId: string, actionIds: string[]) {
  await tx.query(
    `update risk_mitigations set deleted_at = clock_timestamp()
    where tenant_id = $1 and risk_id = $2 and deleted_at is null and not (action_id = any($3::uuid[]))`,
    [tenantId, riskId, actionIds],
  );
  await tx.query(
    `insert into risk_mitigations (tenant_id, risk_id, action_id)
    select $1, $2, x from unnest($3::uuid[]) x
    where not exists (select 1 from risk_mitigations m where m.risk_id = $2 and m.action_id = x and m.deleted_at is null)`,
    [tenantId, riskId, actionIds],
  );
}

// ---- Choices ---------------------------------------------------------------------------------------------

export async function partnershipChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and deleted_at is null order by lower(name)`, [
    tenantId,
  ]);
}

export async function getPartnership(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and id = $2 and deleted_at is null`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/** Plans owned by a partnership (of any partnership when none is given). */
export async function planChoices(db: Queryable, tenantId: string, partnershipId: string | null) {
  return db.query<{ id: string; title: string; partnershipId: string; partnershipName: string }>(
    `select pl.id, pl.title,
      pl.partnership_id as "partnershipId", pa.name as "partnershipName"
    from plans pl join partnerships pa on pa.id = pl.partnership_id
    where pl.tenant_id = $1 and pl.deleted_at is null ${partnershipId ? 'and pl.partnership_id = $2' : ''}
    order by lower(pa.name), lower(pl.title)`,
    partnershipId ? [tenantId, partnershipId] : [tenantId],
  );
}
