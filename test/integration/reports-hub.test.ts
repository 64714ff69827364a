// The Reports hub and the back office's section navigation through the HTTP layer: the hub lists each kind of
// report with who writes it and for whom; every section of several pages shows its section navigation with the
// page shown marked current, and the service navigation's current section follows the path; the public are
// sent to sign in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { okPage, textOf } from '../pages.ts';

/** The section navigation's label, its links and the one marked current, read from the page. */
function sectionNavOf(html: string) {
  const nav = html.match(/<nav class="app-section-nav" aria-label="([^"]+)">([\s\S]*?)<\/nav>/);
  if (!nav) return null;
  const links = [...nav[2]!.matchAll(/<a [^>]*href="([^"]+)"([^>]*)>([^<]+)<\/a>/g)].map((m) => ({
    href: m[1],
    current: /aria-current/.test(m[2]!),
    text: m[3],
  }));
  return { label: nav[1], links, current: links.find((l) => l.current)?.text };
}
const currentSectionOf = (html: string) =>
  html
    .match(
      /<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="[^"]+" aria-current="[^"]+">\s*(?:<strong[^>]*>)?([^<]+)/,
    )?.[1]
    ?.trim();

describe('Reports hub and section navigation', () => {
  let t: TestApp;
  let admin: Agent;
  let councillor: Agent;
  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it('lists every kind of report with who writes it, linking to each', async () => {
    const html = await okPage(councillor, '/reports');
    const text = textOf(html);
    for (const [href, title] of [
      ['/health-checks', 'Partnership health checks'],
      ['/principles', 'Principles of Partnership Working'],
      ['/quarterly-updates', 'Quarterly update to Cabinet'],
      ['/annual-reviews', 'Annual reviews of strategic partnerships'],
      ['/assessments', 'Self-assessments'],
    ]) {
      assert.ok(html.includes(`href="${href}">${title}</a>`), title);
    }
    assert.match(text, /partnership officer gathers each lead officer’s activity update/);
    assert.equal(currentSectionOf(html), 'Reports');
    assert.deepEqual(sectionNavOf(html)?.current, 'All reports');
  });

  it('sends the public to sign in', async () => {
    const res = await anonymousAgent(t.app).get('/reports');
    assert.ok([302, 303, 401, 403].includes(res.statusCode), String(res.statusCode));
  });

  it("shows each section's navigation on its pages, the page shown current", async () => {
    const demoPartnership = (await t.db.query<{ id: string }>('select id from partnerships where deleted_at is null order by name limit 1'))[0]!.id;
    for (const [path, section, label, current] of [
      ['/partnerships', 'Partnerships', 'Partnerships section', 'Partnerships'],
      [`/partnerships/${demoPartnership}`, 'Partnerships', 'Partnerships section', 'Partnerships'],
      ['/landscape', 'Partnerships', 'Partnerships section', 'Landscape'],
      ['/people', 'Partnerships', 'Partnerships section', 'People'],
      ['/outside-bodies', 'Partnerships', 'Partnerships section', 'Outside bodies'],
      ['/bodies', 'Meetings', 'Meetings section', 'Committees'],
      ['/meetings', 'Meetings', 'Meetings section', 'Meetings'],
      ['/performance/indicators', 'Performance', 'Performance section', 'Indicators'],
      ['/plans/overdue', 'Plans', 'Plans section', 'Overdue actions'],
      ['/finance/key-activity', 'Finance', 'Finance section', 'Key activity'],
      ['/annual-reviews', 'Reports', 'Reports section', 'Annual reviews'],
      ['/assessments', 'Reports', 'Reports section', 'Self-assessments'],
      ['/quarterly-updates', 'Reports', 'Reports section', 'Quarterly updates'],
      ['/admin/users', 'Admin', 'Admin section', 'Users'],
    ]) {
      const html = await okPage(admin, path!);
      assert.equal(currentSectionOf(html), section, `${path}: current section`);
      const nav = sectionNavOf(html);
      assert.equal(nav?.label, label, `${path}: section navigation`);
      assert.equal(nav?.current, current, `${path}: current page`);
      assert.equal(nav?.links.filter((l) => l.current).length, 1, `${path}: one current page`);
    }
    const start = await okPage(admin, '/start');
    assert.equal(currentSectionOf(start), 'Your work');
    assert.equal(sectionNavOf(start), null, 'a section of one page has no section navigation');
  });
});
