// Every page's HTML is valid (issues 17 and 18): html-validate's recommended and accessibility rules
// (.htmlvalidaterc.json) on every GET page reachable through the HTTP layer, crawled from the start pages by
// following same-site links, as the public and as an administrator. A few pages of each route pattern are
// enough (the same template with other records), which keeps the crawl to a couple of minutes on PGlite.
// The configuration's exceptions, each for GOV.UK Frontend's own markup or a pattern the service chose:
// - no-redundant-role: GOV.UK's date input puts role="group" on its fieldset on purpose (for JAWS);
// - form-dup-name: GOV.UK's checkboxes give every box of a group the same name (no "[]"), as radios do;
// - prefer-native-element (button, region): GOV.UK's button as a link is <a role="button">, and a wide table
//   scrolls inside <div role="region" aria-label tabindex="0"> so keyboard users can scroll it;
// - valid-id (relaxed): HTML allows any id without spaces; anchors keep the papers' references (#action-1.1);
// - long-title: a page's title is its heading, and a record's heading is its full name;
// - no-trailing-whitespace: templates indent their output; whitespace is not an HTML error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { type Agent, anonymousAgent, buildTestApp, signIn, type TestApp } from '../helper.ts';

const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidaterc.json', import.meta.url), 'utf8')) as ConfigData);
const PER_PATTERN = Number(process.env.HTML_VALID_PER_PATTERN ?? 2);
const MAX_PAGES = 1500;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Downloads, feeds, the machine interfaces and uploaded files: not pages. */
const NOT_A_PAGE = /^\/(api|oparl|files|assets)\/|\.(pdf|docx|xlsx|csv|ics|atom|json|xml|svg|png)(\?|$)/;

/** A URL's route pattern: ids and numbers as placeholders, query values dropped (their names kept). */
function patternOf(url: string): string {
  const [path, query] = url.split('?');
  const keys = query ? [...new URLSearchParams(query).keys()].sort().join('&') : '';
  return `${path!.replace(UUID, ':id').replace(/\/\d+(?=\/|$)/g, '/:n')}${keys ? `?${keys}` : ''}`;
}

function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/href="(\/[^"#]*)/g)) {
    const url = m[1]!.replaceAll('&amp;', '&');
    if (!url.startsWith('//') && !NOT_A_PAGE.test(url)) out.push(url);
  }
  return out;
}

interface Problem {
  url: string;
  rule: string;
  message: string;
  line: number;
  selector: string | null;
}

/** Crawls from the start pages as the agent, validating every HTML page it reaches. */
async function crawlAndValidate(agent: Agent, start: string[]) {
  const problems: Problem[] = [];
  const checked: string[] = [];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const queue = [...start];
  while (queue.length && checked.length < MAX_PAGES) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const pattern = patternOf(url);
    const n = perPattern.get(pattern) ?? 0;
    if (n >= PER_PATTERN) continue;
    perPattern.set(pattern, n + 1);
    const res = await agent.get(url);
    // Error pages (a 404, a 403) are pages too; only a page that answered is followed further.
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    checked.push(url);
    const report = await validator.validateString(res.body, url);
    for (const r of report.results) for (const m of r.messages) problems.push({ url, rule: m.ruleId, message: m.message, line: m.line, selector: m.selector });
    if (res.statusCode === 200) for (const link of linksIn(res.body)) if (!seen.has(link)) queue.push(link);
  }
  return { problems, checked };
}

function describeProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.url} (line ${p.line}${p.selector ? `, ${p.selector}` : ''}): ${p.rule}: ${p.message}`).join('\n');
}

describe('every page is valid HTML', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t?.close());

  it('as the public', async () => {
    // A report written in the template, as its public page (issue 17: papers as HTML first): the demo's 31 May 2018
    // reports, which the crawl would otherwise reach only if that meeting were among the first it visits.
    const reports = await t.db.query<{ meetingId: string; itemId: string }>(
      `select i.meeting_id as "meetingId", i.id as "itemId" from reports r join agenda_items i on i.id = r.agenda_item_id join meetings m on m.id = i.meeting_id
       where r.tenant_id = $1 and r.kind = 'template' and r.status = 'published' and r.deleted_at is null and i.deleted_at is null
         and i.exempt_paragraph is null and m.is_public and m.agenda_published_on is not null and m.deleted_at is null
       order by m.meeting_date, i.position limit 1`,
      [t.tenantId],
    );
    assert.equal(reports.length, 1, 'the demo has a published report on a published agenda');
    const { problems, checked } = await crawlAndValidate(anonymousAgent(t.app), [
      `/calendar/${reports[0]!.meetingId}/items/${reports[0]!.itemId}/report`,
      '/',
      '/register',
      '/sign-in',
      '/forgot-password',
      '/accessibility',
      '/privacy',
      '/search?q=partnership',
      '/no-such-page',
    ]);
    console.log(`# html-validate: ${checked.length} public pages`);
    assert.ok(checked.length > 25, `only ${checked.length} public pages were reached`);
    // Among them a report written in the template, as its public page (issue 17: papers as HTML first).
    assert.ok(
      checked.some((url) => /^\/calendar\/[^/]+\/items\/[^/]+\/report$/.test(url)),
      'a public report page was validated',
    );
    assert.equal(problems.length, 0, `invalid HTML:\n${describeProblems(problems)}`);
  });

  it('as an administrator', async () => {
    const admin = await signIn(t.app, 'administrator');
    const { problems, checked } = await crawlAndValidate(admin, ['/start', '/reports', '/admin', '/account']);
    console.log(`# html-validate: ${checked.length} back-office pages`);
    assert.ok(checked.length > 100, `only ${checked.length} back-office pages were reached`);
    assert.equal(problems.length, 0, `invalid HTML:\n${describeProblems(problems)}`);
  });
});
