// The performance JSON API through the HTTP layer: the indicator catalogue and scorecard, an
// indicator with its values period by period (RAG status, direction of travel), targets,
// publishing values (refused off target without commentary and corrective action), publishing
// indicators, exception reports; what the public see; who may write; stale versions; and bad
// input as problem documents with pointers, with nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { registerOperations } from '../../src/api/operations.ts';
import { performanceOperations } from '../../src/performance/performance.api.ts';
import { PUBLICATION_MESSAGES } from '../../src/performance/rules.ts';
import { apiToken, buildTestApp, countRows, json, type TestApp } from '../helper.ts';
import { documentedBy, errorAt, pointers, problemOf, documentUnderTag } from '../api-support.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'performance_officer' | 'councillor' | null;

const OUTCOME = 'Zanzibarish streets are safe';
const TITLE = 'Quiddity repeat incidents per month';

describe('performance JSON API', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let id = '';
  let draftId = '';
  let rateId = '';
  const started = new Date(Date.now() - 1000).toISOString();

  before(async () => {
    t = await buildTestApp({
      // Until src/app.ts lists performanceOperations, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/api/v1/indicators' })) registerOperations(app, performanceOperations);
      },
    });
    for (const role of ['performance_officer', 'councillor']) tokens.set(role, await apiToken(t, role));
  });
  after(async () => t?.close());

  const call = (who: Who, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? { authorization: `Bearer ${tokens.get(who)}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const po = (method: Method, url: string, payload?: unknown) => call('performance_officer', method, url, payload);
  const anon = (url: string) => call(null, 'GET', url);

  const documented = (res: LightMyRequestResponse, operationId: string) => documentedBy(performanceOperations, res, operationId);
  const stored = async () => ({
    indicators: await countRows(t.db, 'indicators'),
    values: await countRows(t.db, 'indicator_values'),
    targets: await countRows(t.db, 'indicator_targets'),
    reports: await countRows(t.db, 'exception_reports'),
  });

  it('describes every operation in the OpenAPI document under the Performance tag', async () => {
    const { doc, ids } = documentUnderTag(performanceOperations, 'Performance');
    assert.deepEqual(ids, [
      'createExceptionReport',
      'createIndicator',
      'getIndicator',
      'getScorecard',
      'listIndicators',
      'publishIndicator',
      'publishIndicatorValue',
      'recordIndicatorValue',
      'setIndicatorTarget',
      'updateIndicator',
      'withdrawIndicator',
      'withdrawIndicatorValue',
    ]);
    assert.ok(doc.paths['/indicators/{id}/values/{period}']?.put);
    assert.ok(doc.paths['/scorecard']?.get);
    const served = json(await anon('/openapi.json'));
    if (served.paths['/indicators']) assert.ok(served.paths['/indicators/{id}/values/{period}/publish'].post);
  });

  describe('an indicator off target two months running', () => {
    let summaryBefore: { red: number; total: number } = { red: 0, total: 0 };

    it('creates the indicator, sets its targets and records two values', async () => {
      summaryBefore = documented(await po('GET', '/scorecard'), 'getScorecard').summary;
      const created = documented(
        await po('POST', '/indicators', {
          code: 'QX 1',
          title: TITLE,
          unit: 'count',
          polarity: 'lower_is_better',
          frequency: 'monthly',
          decimals: 1,
          outcomeGroup: OUTCOME,
          directorate: 'Communities',
          definition: 'Repeat incidents reported in the month',
        }),
        'createIndicator',
      );
      id = created.id;
      assert.equal(created.publicationState, 'draft');
      assert.equal(created.polarity, 'lower_is_better');
      assert.equal(created.effectiveTolerancePercent, 10);
      assert.equal(created.latest, null);
      assert.deepEqual(created.values, []);

      for (const period of ['2018-02-01', '2018-03-01']) {
        const target = documented(await po('PUT', `/indicators/${id}/targets/${period}`, { value: 30 }), 'setIndicatorTarget');
        assert.equal(target.value, 30);
      }
      const feb = documented(await po('PUT', `/indicators/${id}/values/2018-02-01`, { value: 35.5 }), 'recordIndicatorValue');
      assert.equal(feb.label, 'February 2018');
      assert.equal(feb.rag, 'off_target');
      assert.equal(feb.direction, 'none');
      assert.equal(feb.published, false);
      const mar = documented(await po('PUT', `/indicators/${id}/values/2018-03-01`, { value: 36.0, status: 'provisional' }), 'recordIndicatorValue');
      assert.equal(mar.rag, 'off_target');
      assert.equal(mar.direction, 'worsening');
      assert.equal(mar.status, 'provisional');
      assert.deepEqual(mar.publicationProblems, [PUBLICATION_MESSAGES.commentary, PUBLICATION_MESSAGES.correctiveAction]);
    });

    it('shows the indicator off target and worsening, needing an exception report', async () => {
      const i = documented(await po('GET', `/indicators/${id}`), 'getIndicator');
      assert.equal(i.rag, 'off_target');
      assert.equal(i.direction, 'worsening');
      assert.equal(i.target, 30);
      assert.deepEqual(
        { period: i.latest.period, label: i.latest.label, value: i.latest.value, valueText: i.latest.valueText },
        { period: '2018-03-01', label: 'March 2018', value: 36, valueText: '36.0' },
      );
      assert.deepEqual(i.previous, { period: '2018-02-01', label: 'February 2018', value: 35.5 });
      assert.equal(i.offTargetRun, 2);
      assert.equal(i.exceptionReportRequired, true);
      assert.deepEqual(
        i.values.map((v: { period: string; value: number; target: number; rag: string }) => [v.period, v.value, v.target, v.rag]),
        [
          ['2018-02-01', 35.5, 30, 'off_target'],
          ['2018-03-01', 36, 30, 'off_target'],
        ],
      );
      assert.deepEqual(i.exceptionReports, []);

      const list = documented(await po('GET', `/indicators?q=${encodeURIComponent('quiddity repeat')}`), 'listIndicators');
      assert.equal(list.pagination.total, 1);
      assert.equal(list.data[0].id, id);
      assert.equal(list.data[0].rag, 'off_target');
      assert.equal(list.data[0].direction, 'worsening');
      assert.equal(list.data[0].latest.value, 36);
      assert.equal(list.data[0].target, 30);
      assert.equal(list.data[0].exceptionReportRequired, true);
    });

    it('counts it in the scorecard summary and groups it under its outcome', async () => {
      const card = documented(await po('GET', '/scorecard'), 'getScorecard');
      assert.equal(card.summary.red, summaryBefore.red + 1);
      assert.equal(card.summary.total, summaryBefore.total + 1);
      assert.equal(card.summary.red + card.summary.amber + card.summary.green + card.summary.noTarget, card.summary.total);
      const group = card.groups.find((g: { outcome: string }) => g.outcome === OUTCOME);
      assert.deepEqual(
        group.indicators.map((x: { id: string }) => x.id),
        [id],
      );

      const mine = documented(await po('GET', `/scorecard?outcome=${encodeURIComponent(OUTCOME)}`), 'getScorecard');
      assert.deepEqual(mine.summary, { red: 1, amber: 0, green: 0, noTarget: 0, total: 1 });
      assert.equal(mine.count, 1);
      for (const flag of ['offTarget=true', 'worsening=true']) {
        const only = documented(await po('GET', `/scorecard?${flag}`), 'getScorecard');
        assert.ok(
          only.groups.every((g: { indicators: { rag: string; direction: string }[] }) =>
            g.indicators.every((x) => (flag.startsWith('offTarget') ? x.rag === 'off_target' : x.direction === 'worsening')),
          ),
        );
        assert.ok(only.groups.some((g: { indicators: { id: string }[] }) => g.indicators.some((x) => x.id === id)));
        assert.equal(only.summary.total, card.summary.total, 'the summary counts every indicator before the flags');
      }
      problemOf(await po('GET', '/scorecard?offTarget=maybe'), 400);
    });

    it('refuses to publish an off-target value without commentary and corrective action, then publishes it with them', async () => {
      const refused = problemOf(await po('POST', `/indicators/${id}/values/2018-03-01/publish`), 422);
      assert.match(refused.detail ?? '', new RegExp(PUBLICATION_MESSAGES.commentary));
      assert.match(refused.detail ?? '', new RegExp(PUBLICATION_MESSAGES.correctiveAction));
      assert.deepEqual(pointers(refused), ['/commentary', '/correctiveAction']);
      const still = await t.db.query<{ published: boolean }>(`select published from indicator_values where indicator_id = $1 and period_start = '2018-03-01'`, [
        id,
      ]);
      assert.equal(still[0]!.published, false);

      // A commentary alone is not enough.
      documented(
        await po('PUT', `/indicators/${id}/values/2018-03-01`, { value: 36, commentary: 'Two estates saw a rise in repeat calls' }),
        'recordIndicatorValue',
      );
      const half = problemOf(await po('POST', `/indicators/${id}/values/2018-03-01/publish`), 422);
      assert.deepEqual(pointers(half), ['/correctiveAction']);
      assert.equal(half.detail, PUBLICATION_MESSAGES.correctiveAction);

      documented(
        await po('PUT', `/indicators/${id}/values/2018-03-01`, {
          value: 36,
          commentary: 'Two estates saw a rise in repeat calls',
          correctiveAction: 'A weekly problem-solving panel with the police',
        }),
        'recordIndicatorValue',
      );
      const published = documented(await po('POST', `/indicators/${id}/values/2018-03-01/publish`), 'publishIndicatorValue');
      assert.equal(published.published, true);
      assert.deepEqual(published.publicationProblems, []);
      problemOf(await po('POST', `/indicators/${id}/values/2018-04-01/publish`), 404);
    });

    it('records an exception report, which answers the warning', async () => {
      const report = documented(
        await po('POST', `/indicators/${id}/exception-reports`, {
          period: '2018-03-01',
          cause: 'Two estates saw a rise',
          actions: 'A weekly panel',
          cost: 5000,
          owner: 'Head of Community Safety',
        }),
        'createExceptionReport',
      );
      assert.equal(report.status, 'open');
      assert.equal(report.cost, 5000);
      assert.equal(report.label, 'March 2018');
      const i = documented(await po('GET', `/indicators/${id}`), 'getIndicator');
      assert.equal(i.exceptionReportRequired, false);
      assert.equal(i.exceptionReports.length, 1);
    });
  });

  describe('what the public see', () => {
    it('hides a draft indicator, then shows it once published with only its published values', async () => {
      problemOf(await anon(`/indicators/${id}`), 404);
      assert.ok(!json(await anon('/indicators?limit=500')).data.some((x: { id: string }) => x.id === id));

      const { version } = json(await po('GET', `/indicators/${id}`));
      const published = documented(await po('POST', `/indicators/${id}/publish`, { version }), 'publishIndicator');
      assert.equal(published.publicationState, 'published');

      const seen = documented(await anon(`/indicators/${id}`), 'getIndicator');
      assert.equal(seen.title, TITLE);
      assert.equal(seen.owner, null);
      assert.equal(seen.exceptionReports, null);
      assert.equal(seen.exceptionReportRequired, null);
      // February's value is not published: the public see its target alone.
      assert.deepEqual(
        seen.values.map((v: { period: string; value: number | null; id: string | null }) => [v.period, v.value, v.id !== null]),
        [
          ['2018-02-01', null, false],
          ['2018-03-01', 36, true],
        ],
      );
      assert.ok(seen.values.every((v: { value: number | null; published: boolean }) => v.value === null || v.published));
      assert.equal(seen.latest.value, 36);
      assert.equal(seen.previous, null);
      assert.equal(seen.direction, 'none');

      const list = documented(await anon('/indicators?limit=500'), 'listIndicators');
      const entry = list.data.find((x: { id: string }) => x.id === id);
      assert.equal(entry.latest.value, 36);
      assert.equal(entry.exceptionReportRequired, null);
      assert.ok(list.data.every((x: { publicationState: string }) => x.publicationState === 'published'));
      const card = documented(await anon(`/scorecard?outcome=${encodeURIComponent(OUTCOME)}`), 'getScorecard');
      assert.deepEqual(
        card.groups[0].indicators.map((x: { id: string }) => x.id),
        [id],
      );
    });

    it('answers 404 to the public for a draft indicator, which staff see', async () => {
      draftId = documented(
        await po('POST', '/indicators', {
          title: 'Zanzibarish draft measure',
          unit: 'percentage',
          polarity: 'higher_is_better',
          frequency: 'quarterly',
          outcomeGroup: OUTCOME,
        }),
        'createIndicator',
      ).id;
      problemOf(await anon(`/indicators/${draftId}`), 404);
      documented(await po('GET', `/indicators/${draftId}`), 'getIndicator');
      const card = documented(await anon(`/scorecard?outcome=${encodeURIComponent(OUTCOME)}`), 'getScorecard');
      assert.equal(card.summary.total, 1);
      const staffCard = documented(await po('GET', `/scorecard?outcome=${encodeURIComponent(OUTCOME)}`), 'getScorecard');
      assert.equal(staffCard.summary.total, 2);
      problemOf(await anon('/indicators/not-a-uuid'), 400);
      problemOf(await anon('/indicators/00000000-0000-4000-8000-000000000000'), 404);
    });

    it('syncs with modifiedSince: a draft is a tombstone to the public, in full to staff', async () => {
      const since = `/indicators?modifiedSince=${encodeURIComponent(started)}`;
      const pub = documented(await anon(since), 'listIndicators');
      assert.deepEqual(
        pub.data.find((x: { id: string }) => x.id === draftId),
        { id: draftId, type: 'indicator', deleted: true, modified: pub.data.find((x: { id: string }) => x.id === draftId).modified },
      );
      assert.equal(pub.data.find((x: { id: string }) => x.id === id).deleted, false);
      const mine = documented(await po('GET', since), 'listIndicators');
      assert.equal(mine.data.find((x: { id: string }) => x.id === draftId).deleted, false);
      const times = mine.data.map((x: { modified: string }) => x.modified);
      assert.deepEqual(times, [...times].sort(), 'in order of change');
      // A new value counts as a change to its indicator.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const mark = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      documented(await po('PUT', `/indicators/${draftId}/values/2018-01-01`, { value: 51.9 }), 'recordIndicatorValue');
      const again = documented(await po('GET', `/indicators?modifiedSince=${encodeURIComponent(mark)}`), 'listIndicators');
      assert.deepEqual(
        again.data.map((x: { id: string }) => x.id),
        [draftId],
      );
      assert.ok(again.data[0].modified > mark);
      problemOf(await anon('/indicators?modifiedSince=yesterday'), 400);
    });
  });

  describe('who may write', () => {
    it('refuses a councillor (403) and an anonymous caller (401) every write', async () => {
      const before = await stored();
      const writes: [Method, string, unknown][] = [
        ['POST', '/indicators', { title: 'Nope', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly' }],
        ['PUT', `/indicators/${id}`, { title: 'Nope', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', version: 1 }],
        ['PUT', `/indicators/${id}/values/2018-04-01`, { value: 1 }],
        ['PUT', `/indicators/${id}/targets/2018-04-01`, { value: 1 }],
        ['POST', `/indicators/${id}/values/2018-03-01/withdraw`, undefined],
        ['POST', `/indicators/${id}/withdraw`, { version: 1 }],
        ['POST', `/indicators/${id}/exception-reports`, { period: '2018-03-01', cause: 'x', actions: 'y', owner: 'z' }],
      ];
      for (const [method, url, payload] of writes) {
        problemOf(await call('councillor', method, url, payload), 403);
        problemOf(await call(null, method, url, payload), 401);
      }
      assert.deepEqual(await stored(), before);
    });
  });

  describe('bad input', () => {
    it('refuses a period that is not the first day of a period, and a date that is not one', async () => {
      const before = await stored();
      const mid = problemOf(await po('PUT', `/indicators/${id}/values/2018-03-15`, { value: 20 }), 422);
      assert.deepEqual(pointers(mid), ['/period']);
      assert.match(errorAt(mid, '/period'), /first day of a month/);
      const target = problemOf(await po('PUT', `/indicators/${id}/targets/2018-03-15`, { value: 20 }), 422);
      assert.deepEqual(pointers(target), ['/period']);
      const quarter = problemOf(await po('PUT', `/indicators/${draftId}/values/2018-02-01`, { value: 20 }), 422);
      assert.match(errorAt(quarter, '/period'), /first day of a quarter/);
      const report = problemOf(await po('POST', `/indicators/${id}/exception-reports`, { period: '2018-03-15', cause: 'x', actions: 'y', owner: 'z' }), 422);
      assert.deepEqual(pointers(report), ['/period']);
      const notADate = problemOf(await po('PUT', `/indicators/${id}/values/2018-02-30`, { value: 20 }), 400);
      assert.deepEqual(pointers(notADate), ['/period']);
      problemOf(await po('PUT', `/indicators/${id}/values/March`, { value: 20 }), 400);
      assert.deepEqual(await stored(), before);
    });

    it('refuses a value that is not a number, and a numerator without a denominator', async () => {
      const before = await stored();
      const words = problemOf(await po('PUT', `/indicators/${id}/values/2018-04-01`, { value: 'thirty' }), 422);
      assert.deepEqual(pointers(words), ['/value']);
      assert.equal(errorAt(words, '/value'), 'Value must be a number, like 12.53');
      const half = problemOf(await po('PUT', `/indicators/${id}/values/2018-04-01`, { value: 20, numerator: 20 }), 422);
      assert.deepEqual(pointers(half), ['/denominator']);
      assert.match(errorAt(half, '/denominator'), /both the numerator and the denominator/);
      const zero = problemOf(await po('PUT', `/indicators/${id}/values/2018-04-01`, { value: 20, numerator: 20, denominator: 0 }), 422);
      assert.deepEqual(pointers(zero), ['/denominator']);
      const nothing = problemOf(await po('PUT', `/indicators/${id}/values/2018-04-01`, {}), 422);
      assert.deepEqual(pointers(nothing), ['/value']);
      const status = problemOf(await po('PUT', `/indicators/${id}/values/2018-04-01`, { value: 20, status: 'estimated' }), 422);
      assert.deepEqual(pointers(status), ['/status']);
      problemOf(await po('PUT', `/indicators/00000000-0000-4000-8000-000000000000/values/2018-04-01`, { value: 20 }), 404);
      assert.deepEqual(await stored(), before);
    });

    it('checks a rate per 1,000 against its numerator and denominator (NI 16: 7,390 / 589,784 × 1,000 = 12.53)', async () => {
      rateId = documented(
        await po('POST', '/indicators', {
          code: 'QX 16',
          title: 'Zanzibarish acquisitive crime rate',
          unit: 'rate_per_1000',
          polarity: 'lower_is_better',
          frequency: 'annual',
          decimals: 2,
          outcomeGroup: OUTCOME,
        }),
        'createIndicator',
      ).id;
      const before = await stored();
      const wrong = problemOf(await po('PUT', `/indicators/${rateId}/values/2008-04-01`, { value: 13.1, numerator: 7390, denominator: 589784 }), 422);
      assert.deepEqual(pointers(wrong), ['/value']);
      assert.match(errorAt(wrong, '/value'), /12\.53/);
      const monthly = problemOf(await po('PUT', `/indicators/${rateId}/values/2008-05-01`, { value: 12.53, numerator: 7390, denominator: 589784 }), 422);
      assert.match(errorAt(monthly, '/period'), /financial year/);
      const huge = problemOf(
        await po('PUT', `/indicators/${rateId}/values/2008-04-01`, { value: null, numerator: 9_000_000_000_000, denominator: 0.000001 }),
        422,
      );
      assert.match(errorAt(huge, '/value'), /too large to store/);
      assert.deepEqual(await stored(), before);

      const right = documented(
        await po('PUT', `/indicators/${rateId}/values/2008-04-01`, { value: 12.53, numerator: 7390, denominator: 589784 }),
        'recordIndicatorValue',
      );
      assert.equal(right.valueText, '12.53 per 1,000');
      assert.equal(right.label, '2008/09');
      const worked = documented(
        await po('PUT', `/indicators/${rateId}/values/2009-04-01`, { value: null, numerator: 7100, denominator: 591000 }),
        'recordIndicatorValue',
      );
      assert.equal(worked.value, 12.01);
      assert.equal(worked.direction, 'improving');
    });

    it('refuses an indicator without a title, with an unknown unit, or with a baseline period that is not a period start', async () => {
      const before = await stored();
      const bad = problemOf(await po('POST', '/indicators', { unit: 'furlongs', polarity: 'lower_is_better', frequency: 'monthly', decimals: 9 }), 422);
      assert.deepEqual(pointers(bad), ['/decimals', '/title', '/unit']);
      assert.equal(errorAt(bad, '/unit'), 'Select the unit');
      const baseline = problemOf(
        await po('POST', '/indicators', {
          title: 'Baseline test',
          unit: 'count',
          polarity: 'lower_is_better',
          frequency: 'monthly',
          baselinePeriod: '2018-03-15',
          baselineValue: 4,
        }),
        422,
      );
      assert.deepEqual(pointers(baseline), ['/baselinePeriod']);
      const tolerance = problemOf(
        await po('POST', '/indicators', { title: 'Tolerance test', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', tolerancePercent: 150 }),
        422,
      );
      assert.deepEqual(pointers(tolerance), ['/tolerancePercent']);
      const nowhere = problemOf(
        await po('POST', '/indicators', {
          title: 'Assignment test',
          unit: 'count',
          polarity: 'lower_is_better',
          frequency: 'monthly',
          partnershipIds: ['00000000-0000-4000-8000-000000000000'],
        }),
        422,
      );
      assert.deepEqual(pointers(nowhere), ['/partnershipIds']);
      const code = problemOf(
        await po('POST', '/indicators', { code: 'qx 1', title: 'Same code', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly' }),
        422,
      );
      assert.match(errorAt(code, '/code'), /already has the code/);
      assert.deepEqual(await stored(), before);
    });

    it('refuses a stale version with 409 and saves nothing', async () => {
      const current = json(await po('GET', `/indicators/${id}`));
      const body = { title: 'Renamed measure', unit: 'count', polarity: 'lower_is_better', frequency: 'monthly', outcomeGroup: OUTCOME };
      problemOf(await po('PUT', `/indicators/${id}`, { ...body, version: current.version - 1 }), 409);
      problemOf(await po('POST', `/indicators/${id}/withdraw`, { version: current.version - 1 }), 409);
      const unchanged = json(await po('GET', `/indicators/${id}`));
      assert.equal(unchanged.title, TITLE);
      assert.equal(unchanged.publicationState, 'published');
      const saved = documented(await po('PUT', `/indicators/${id}`, { ...body, version: current.version }), 'updateIndicator');
      assert.equal(saved.title, 'Renamed measure');
      assert.equal(saved.version, current.version + 1);
      assert.equal(saved.code, null);
      problemOf(await po('PUT', `/indicators/${id}`, { ...body, version: current.version }), 409);
      problemOf(await po('PUT', `/indicators/${id}`, body), 422);
    });
  });
});
