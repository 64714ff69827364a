// Commands and queries for risk registers: risks scored on their partnership's matrix (inherent and
// residual likelihood × impact), the heat map of residual scores, reviews that are overdue, mitigating
// actions from the partnership's plans, and configuring a partnership's matrix.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { fieldErrorsFrom, isUniqueViolation } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import { byResidualScore, heatMap, levelCount, matrixProblems, priorityLevel, reviewOverdue, type HeatCell, type RiskMatrix } from './rules.ts';
import * as repo from './risks.repository.ts';
import { matrixInput, riskInput, RISK_STATUS_LABELS, TREND_LABELS, type RiskInput } from './risks.schemas.ts';
import { parseWithRouteErrors } from './parse-input.ts';

// ---- Levels and scores, for pages -------------------------------------------------------------------------

const LEVEL_NAMES: Record<number, string[]> = {
  1: ['All'],
  2: ['High', 'Low'],
  3: ['High', 'Medium', 'Low'],
  4: ['Very high', 'High', 'Medium', 'Low'],
  5: ['Very high', 'High', 'Medium', 'Low', 'Very low'],
};
const LEVEL_COLOURS: Record<number, string[]> = { 1: ['grey'], 2: ['red', 'green'], 3: ['red', 'yellow', 'green'], 4: ['red', 'orange', 'yellow', 'green'] };
const PALETTE = ['red', 'orange', 'yellow', 'green', 'turquoise', 'blue', 'light-blue', 'purple', 'pink', 'grey'];

export interface LevelStyle {
  level: number;
  text: string;
  colour: string;
  min: number;
  max: number;
}

/** Each priority level of a matrix with its name ("High"), govuk-tag colour and score range; level 1 first. */
export function matrixLevels(m: RiskMatrix): LevelStyle[] {
  const n = levelCount(m);
  const top = m.likelihoodLabels.length * m.impactLabels.length;
  return Array.from({ length: n }, (_, k) => ({
    level: k + 1,
    text: LEVEL_NAMES[n]?.[k] ?? `Level ${k + 1}`,
    colour: LEVEL_COLOURS[n]?.[k] ?? PALETTE[k] ?? 'grey',
    min: k < m.levelMinimums.length ? m.levelMinimums[k]! : 1,
    max: k === 0 ? top : m.levelMinimums[k - 1]! - 1,
  }));
}

/** A point on a scale as people read it: "4 – Likely". */
export const pointLabel = (labels: string[], n: number) => `${n} – ${labels[n - 1] ?? '?'}`;

export interface ScoredRisk extends repo.RiskRow {
  inherentScore: number;
  residualScore: number;
  inherentLevel: LevelStyle;
  residualLevel: LevelStyle;
  overdue: boolean;
  trendLabel: string;
  statusLabel: string;
  inherentText: string;
  residualText: string;
  href: string;
  mapLabel: string;
}

function score(r: repo.RiskRow, m: RiskMatrix, today: string): ScoredRisk {
  const levels = matrixLevels(m);
  const inherentScore = r.inherentLikelihood * r.inherentImpact;
  const residualScore = r.residualLikelihood * r.residualImpact;
  const level = (s: number) => levels[priorityLevel(s, m) - 1]!;
  return {
    ...r,
    inherentScore,
    residualScore,
    inherentLevel: level(inherentScore),
    residualLevel: level(residualScore),
    overdue: reviewOverdue(r, today),
    trendLabel: TREND_LABELS[r.trend] ?? r.trend,
    statusLabel: RISK_STATUS_LABELS[r.status] ?? r.status,
    inherentText: `${r.inherentLikelihood} × ${r.inherentImpact} = ${inherentScore}`,
    residualText: `${r.residualLikelihood} × ${r.residualImpact} = ${residualScore}`,
    href: `/plans/risks/${r.id}`,
    mapLabel: r.reference || (r.title.length > 40 ? `${r.title.slice(0, 39)}…` : r.title),
  };
}

export interface HeatMapView {
  caption: string;
  cells: HeatCell<{ href?: string; label: string }>[][];
  likelihoodLabels: string[];
  impactLabels: string[];
  levels: LevelStyle[];
}

/** A heat map of residual scores, its items linked by reference. */
export function residualHeatMap(risks: ScoredRisk[], m: RiskMatrix, caption: string): HeatMapView {
  const cells = heatMap(risks, (r) => ({ likelihood: r.residualLikelihood, impact: r.residualImpact }), m).map((row) =>
    row.map((c) => ({ ...c, items: c.items.map((r) => ({ href: r.href, label: r.mapLabel })) })),
  );
  return { caption, cells, likelihoodLabels: m.likelihoodLabels, impactLabels: m.impactLabels, levels: matrixLevels(m) };
}

// ---- Queries ----------------------------------------------------------------------------------------------

/** The register of one partnership (or all): open risks highest residual score first, their heat map(s), overdue reviews. */
export async function registerView(db: Queryable, tenantId: string, partnershipId: string | null, today = todayInEngland()) {
  const [rows, matrices] = await Promise.all([
    repo.listRisks(db, tenantId, { partnershipId: partnershipId ?? undefined }),
    repo.configuredMatrices(db, tenantId),
  ]);
  const scored = rows.map((r) => score(r, repo.matrixOf(matrices, r.partnershipId), today));
  const open = byResidualScore(scored.filter((r) => r.status === 'open'));
  const closed = scored.filter((r) => r.status === 'closed');
  // Partnerships scoring on the same matrix share a heat map; one map per distinct matrix.
  const groups = new Map<string, { matrix: RiskMatrix; names: Set<string>; risks: ScoredRisk[] }>();
  if (partnershipId) {
    const m = repo.matrixOf(matrices, partnershipId);
    groups.set('one', { matrix: m, names: new Set(), risks: open });
  } else {
    for (const r of open) {
      const m = repo.matrixOf(matrices, r.partnershipId);
      const key = JSON.stringify([m.likelihoodLabels, m.impactLabels, m.levelMinimums]);
      const g = groups.get(key) ?? { matrix: m, names: new Set<string>(), risks: [] };
      g.names.add(r.partnershipName);
      g.risks.push(r);
      groups.set(key, g);
    }
  }
  const heatMaps = [...groups.values()].map((g) =>
    residualHeatMap(
      g.risks,
      g.matrix,
      partnershipId || groups.size === 1
        ? 'Open risks by residual likelihood and impact'
        : `Open risks by residual likelihood and impact: ${[...g.names].join(', ')}`,
    ),
  );
  return { open, closed, heatMaps, overdueCount: open.filter((r) => r.overdue).length };
}

export async function riskView(db: Queryable, tenantId: string, id: string, today = todayInEngland()) {
  const row = await repo.getRisk(db, tenantId, id);
  if (!row) throw new NotFoundError('risk');
  const [matrix, mitigations] = await Promise.all([repo.matrixFor(db, tenantId, row.partnershipId), repo.mitigationsOf(db, tenantId, id)]);
  const risk = score(row, matrix, today);
  const cells = heatMap(
    [
      { label: 'Inherent', likelihood: row.inherentLikelihood, impact: row.inherentImpact },
      { label: 'Residual', likelihood: row.residualLikelihood, impact: row.residualImpact },
    ],
    (p) => p,
    matrix,
  ).map((r) => r.map((c) => ({ ...c, items: c.items.map((p) => ({ label: p.label })) })));
  return {
    risk,
    matrix,
    mitigations,
    position: {
      caption: 'Where the risk sits on the matrix',
      cells,
      likelihoodLabels: matrix.likelihoodLabels,
      impactLabels: matrix.impactLabels,
      levels: matrixLevels(matrix),
    } satisfies HeatMapView,
    inherentDescription: `${pointLabel(matrix.likelihoodLabels, row.inherentLikelihood)} × ${pointLabel(matrix.impactLabels, row.inherentImpact)}`,
    residualDescription: `${pointLabel(matrix.likelihoodLabels, row.residualLikelihood)} × ${pointLabel(matrix.impactLabels, row.residualImpact)}`,
  };
}

// ---- Commands ---------------------------------------------------------------------------------------------

/** Checks what only the database can: the partnership, its plan and actions, and the scores against its matrix. */
async function checkRisk(tx: Queryable, tenantId: string, input: RiskInput) {
  const partnership = await repo.getPartnership(tx, tenantId, input.partnershipId);
  if (!partnership) throw new ValidationError({ partnershipId: 'Select the partnership from the list' });
  const errors: FieldErrors = {};
  if (input.planId && !(await repo.planChoices(tx, tenantId, partnership.id)).some((p) => p.id === input.planId)) {
    errors.planId = `Select a plan of ${partnership.name}, or no plan`;
  }
  const m = await repo.matrixFor(tx, tenantId, partnership.id);
  for (const [field, what, value, points] of [
    ['inherentLikelihood', 'inherent likelihood', input.inherentLikelihood, m.likelihoodLabels.length],
    ['inherentImpact', 'inherent impact', input.inherentImpact, m.impactLabels.length],
    ['residualLikelihood', 'residual likelihood', input.residualLikelihood, m.likelihoodLabels.length],
    ['residualImpact', 'residual impact', input.residualImpact, m.impactLabels.length],
  ] as const) {
    if (value > points) errors[field] = `Select the ${what} from the list`;
  }
  if (input.actionIds.length) {
    const allowed = new Set((await repo.actionChoices(tx, tenantId, partnership.id)).map((a) => a.id));
    if (input.actionIds.some((a) => !allowed.has(a.toLowerCase()))) errors.actionIds = `Select mitigating actions from the plans of ${partnership.name}`;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { ...input, actionIds: [...new Set(input.actionIds.map((a) => a.toLowerCase()))] };
}

export async function createRisk(db: Database, ctx: RequestContext, raw: unknown, extraErrors: FieldErrors = {}) {
  const parsed = parseWithRouteErrors(riskInput, raw, extraErrors);
  return db.transaction(changeContext(ctx), async (tx) => {
    const { actionIds, ...fields } = await checkRisk(tx, ctx.tenantId, parsed);
    const id = await repo.insertRisk(tx, ctx.tenantId, fields);
    await repo.replaceMitigations(tx, ctx.tenantId, id, actionIds);
    return id;
  });
}

export async function updateRisk(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown, extraErrors: FieldErrors = {}) {
  const parsed = parseWithRouteErrors(riskInput, raw, extraErrors);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getRisk(tx, ctx.tenantId, id))) throw new NotFoundError('risk');
    const { actionIds, ...fields } = await checkRisk(tx, ctx.tenantId, parsed);
    if (!(await repo.updateRisk(tx, ctx.tenantId, id, version, fields))) throw new ConflictError();
    await repo.replaceMitigations(tx, ctx.tenantId, id, actionIds);
  });
}

/** A matrix as typed: labels one per line, level minimums "15, 8"; checked by matrixProblems. */
export function parseMatrix(raw: unknown): RiskMatrix {
  const result = matrixInput.safeParse(raw);
  const errors: FieldErrors = result.success ? {} : fieldErrorsFrom(result.error);
  if (result.success) {
    for (const problem of matrixProblems(result.data)) {
      const field = /likelihood/i.test(problem)
        ? 'likelihoodLabels'
        : /impact/i.test(problem)
          ? 'impactLabels'
          : /name/i.test(problem)
            ? 'likelihoodLabels'
            : 'levelMinimums';
      errors[field] = errors[field] ? `${errors[field]}. ${problem}` : problem;
    }
  }
  if (!result.success || Object.keys(errors).length) throw new ValidationError(errors);
  return result.data;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Saves a partnership's matrix. Refused while any of its risks is scored beyond the new scales, since
 * their scores would then mean nothing. `version` is the stored matrix's (null while it uses the default).
 */
export async function saveMatrix(db: Database, ctx: RequestContext, partnershipId: string, version: number | null, raw: unknown) {
  const m = parseMatrix(raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const partnership = await repo.getPartnership(tx, ctx.tenantId, partnershipId);
    if (!partnership) throw new NotFoundError('partnership');
    // Someone else's change first: their matrix is what the refusal below would be about.
    const current = await repo.matrixFor(tx, ctx.tenantId, partnershipId);
    if (current.id === null ? version !== null : version !== current.version) throw new ConflictError();
    const beyond = await repo.risksBeyond(tx, ctx.tenantId, partnershipId, m.likelihoodLabels.length, m.impactLabels.length);
    if (beyond.total > 0) {
      const message =
        `${plural(beyond.total, 'risk', 'risks')} of ${partnership.name} ${beyond.total === 1 ? 'is' : 'are'} scored beyond the new scales ` +
        `(${m.likelihoodLabels.length} points of likelihood, ${m.impactLabels.length} of impact). Score ${beyond.total === 1 ? 'it' : 'them'} again first, or keep more points`;
      throw new ValidationError({ [beyond.likelihood > 0 ? 'likelihoodLabels' : 'impactLabels']: message });
    }
    if (current.id === null) {
      await repo.insertMatrix(tx, ctx.tenantId, partnershipId, m).catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new ConflictError();
        throw err;
      });
    } else if (!(await repo.updateMatrix(tx, ctx.tenantId, current.id, version!, m))) throw new ConflictError();
  });
}
