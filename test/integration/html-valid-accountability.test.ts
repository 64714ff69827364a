// The published accountability reports' pages are valid HTML (issue 16): with a quarterly update, the annual review
// and a health check published, the public list, each public page and the staff pages with their Publish forms
// pass html-validate with the project's rules (.htmlvalidaterc.json), as the other pages do in html-valid.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { redirectedTo } from '../pages.ts';

const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidaterc.json', import.meta.url), 'utf8')) as ConfigData);

describe('the accountability pages are valid HTML', () => {
  let t: TestApp;
  let officer: Agent;
  let partnershipId: string;
  let reviewId: string;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    partnershipId = (
      await t.db.query<{ id: string }>(`select id from partnerships where deleted_at is null and public_partnership(id) order by lower(name) limit 1`)
    )[0]!.id;
    reviewId = (await t.db.query<{ id: string }>('select id from annual_reviews where deleted_at is null limit 1'))[0]!.id;
    redirectedTo(await officer.post('/quarterly-updates/report/publish', { quarter: '2009-04-01', date: '2009-07-07', p: [partnershipId] }), /done=published/);
    redirectedTo(await officer.post(`/annual-reviews/${reviewId}/publish`, {}), /done=published/);
    redirectedTo(await officer.post(`/health-checks/${partnershipId}/publish`, { year: '2011' }), /done=published/);
  });
  after(async () => t?.close());

  const check = async (agent: Agent, urls: string[]) => {
    const problems: string[] = [];
    for (const url of urls) {
      const res = await agent.get(url);
      assert.equal(res.statusCode, 200, url);
      const report = await validator.validateString(res.body);
      for (const r of report.results) for (const m of r.messages) problems.push(`${url}: ${m.ruleId} ${m.message} (line ${m.line})`);
    }
    assert.deepEqual(problems, []);
  };

  it('as the public', async () => {
    const pub = anonymousAgent(t.app);
    const quarterly = (await t.db.query<{ id: string }>('select id from quarterly_update_publications limit 1'))[0]!.id;
    await check(pub, [
      '/accountability',
      `/accountability/quarterly-updates/${quarterly}`,
      `/accountability/annual-reviews/${reviewId}`,
      '/accountability/health-checks',
      `/accountability/health-checks/${partnershipId}?year=2011`,
    ]);
  });

  it('as the officer who publishes them', async () => {
    await check(officer, [
      '/quarterly-updates/report?quarter=2009-04-01',
      `/quarterly-updates/report?quarter=2009-04-01&p=${partnershipId}&data=today`,
      `/annual-reviews/${reviewId}`,
      `/annual-reviews/${reviewId}?data=today`,
      `/health-checks/${partnershipId}?year=2011`,
      `/health-checks/${partnershipId}?year=2010`,
    ]);
  });
});
