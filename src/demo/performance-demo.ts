// The performance measures of seed 004's Appendix 7 (all 38, grouped by outcome, with their
// values, targets, benchmarks and comments) and the National Indicators of seed 001, with the NI 8
// exception report; see performance-notes.md for every judgement and where the seeds differ.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as repo from '../performance/performance.repository.ts';
import * as seriesRepo from '../performance/series.repository.ts';
import * as exceptionsRepo from '../performance/exception-reports.repository.ts';
import type { IndicatorInput } from '../performance/performance.schemas.ts';
import { partnershipMeetingOn } from './demo.repository.ts';
import { keyResolver } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('performance.json');

interface DemoPerformance {
  indicators: (Omit<
    IndicatorInput,
    | 'ownerPersonId'
    | 'baselinePeriod'
    | 'baselineValue'
    | 'baselineNumerator'
    | 'baselineDenominator'
    | 'baselineNote'
    | 'finalTargetPeriod'
    | 'finalTargetValue'
    | 'status'
  > & {
    key: string;
    /** The demo person who enters its values (see performance-notes.md, "Owners and live indicators"). */
    ownerKey: string;
    status: 'live' | 'retired';
    partnershipKeys: string[];
    bodyKeys: string[];
    baseline: { period: string; value: number; numerator: number | null; denominator: number | null; note: string } | null;
    finalTarget: { period: string; value: number } | null;
    targets: { period: string; value: number }[];
    values: {
      period: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      status: 'final' | 'provisional';
      commentary: string;
      correctiveAction: string;
      statNeighbours: number | null;
      england: number | null;
    }[];
  })[];
  exceptionReports: {
    indicatorKey: string;
    period: string;
    cause: string;
    actions: string;
    costPence: number | null;
    owner: string;
    considered: { partnershipKey: string; date: string } | null;
    status: 'open' | 'considered';
  }[];
}

export async function loadDemoPerformance(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoPerformance;
  const { required: ref } = keyResolver(ids, 'Demo performance data refers');
  for (const i of data.indicators) {
    const { key, ownerKey, partnershipKeys, bodyKeys, baseline, finalTarget, targets, values, ...fields } = i;
    // The seeds' scorecards were published, as were their values.
    const id = await repo.insertIndicator(
      tx,
      tenantId,
      {
        ...fields,
        ownerPersonId: ref(ownerKey),
        baselinePeriod: baseline?.period ?? null,
        baselineValue: baseline?.value ?? null,
        baselineNumerator: baseline?.numerator ?? null,
        baselineDenominator: baseline?.denominator ?? null,
        baselineNote: baseline?.note ?? '',
        finalTargetPeriod: finalTarget?.period ?? null,
        finalTargetValue: finalTarget?.value ?? null,
      },
      'published',
    );
    ids.set(key, id);
    await repo.setAssignments(tx, tenantId, id, { partnershipIds: partnershipKeys.map(ref), bodyIds: bodyKeys.map(ref) });
    for (const t of targets) await seriesRepo.setTarget(tx, tenantId, id, t.period, t.value);
    for (const v of values) {
      const valueId = await seriesRepo.upsertValue(tx, tenantId, id, { ...v });
      await seriesRepo.setValuePublished(tx, tenantId, id, valueId, true);
    }
  }
  for (const e of data.exceptionReports) {
    await exceptionsRepo.insertExceptionReport(tx, tenantId, {
      indicatorId: ref(e.indicatorKey),
      periodStart: e.period,
      cause: e.cause,
      actions: e.actions,
      costPence: e.costPence,
      owner: e.owner,
      partnershipId: e.considered ? ref(e.considered.partnershipKey) : null,
      // The meeting that considered it, when the demo holds one of the partnership's boards on that day (seed 001, 6.6: 27 May 2009).
      meetingId: e.considered ? await partnershipMeetingOn(tx, tenantId, ref(e.considered.partnershipKey)!, e.considered.date) : null,
      status: e.status,
      consideredOn: e.considered?.date ?? null,
    });
  }
}
