// A confidential data set for the leak crawl: on top of the demo data, one record of every kind the
// public must not see (draft, exempt, private, withdrawn, unpublished, deleted), each carrying a unique
// marker in every text field, and each linked from published records in every way the product allows
// (timelines, reporting lines, memberships, plan owners, endorsements, action links, agenda items,
// minutes and packs). The crawl then searches everything public for the markers.
import { createHash } from 'node:crypto';
import { emptyReport } from '../src/meetings/report-template.ts';
import { COMPUTED } from '../src/reports/health.service.ts';
import { publishAnnual, publishHealthCheck, publishQuarterly, withdrawHealthCheck } from '../src/reports/public-reports.service.ts';
import type { TestApp } from './helper.ts';
import { wordDocument } from './documents.ts';

/** Every marker starts with this, so one search finds them all. */
export const MARK = 'LEAKMARK';

export interface ConfidentialSet {
  /** Each marker and the record it stands for, to say what leaked. */
  markers: Map<string, string>;
}

export async function buildConfidentialSet(t: TestApp): Promise<ConfidentialSet> {
  const markers = new Map<string, string>();
  let n = 0;
  const mark = (what: string) => {
    const m = `${MARK}${String(++n).padStart(3, '0')}x`;
    markers.set(m, what);
    return m;
  };
  const tenant = t.tenantId;
  const q = <T = { id: string }>(sql: string, params: unknown[] = []) => t.db.query<T>(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await q<{ id: string }>(sql, params))[0]!.id;

  const published = await one(`select id from partnerships where publication_state = 'published' and deleted_at is null order by name limit 1`);
  const person = await one(`select id from people where deleted_at is null order by name limit 1`);
  const publicBody = await one(`select id from bodies where publication_state = 'published' and deleted_at is null order by name limit 1`);

  // ---- Partnerships: draft, withdrawn and deleted, each named from a published one --------------------
  const partnership = async (state: string, deleted: boolean, what: string) => {
    const id = await one(
      `insert into partnerships (tenant_id, name, kind, purpose, publication_state, deleted_at)
      values ($1, $2, 'non_statutory_partnership', $3, $4, case when $5 then clock_timestamp() end) returning id`,
      [tenant, mark(`${what} partnership name`), mark(`${what} partnership purpose`), state, deleted],
    );
    await q(
      `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, related_partnership_id, description)
      values ($1, $2, 'replaced_by', '2025-04-01', $3, '')`,
      [tenant, published, id],
    );
    await q(`insert into reporting_lines (tenant_id, partnership_id, parent_id) values ($1, $2, $3)`, [tenant, id, published]);
    await q(`insert into memberships (tenant_id, partnership_id, person_id, role) values ($1, $2, $3, 'member')`, [tenant, id, person]);
    return id;
  };
  const draftPartnership = await partnership('draft', false, 'draft');
  await partnership('withdrawn', false, 'withdrawn');
  await partnership('published', true, 'deleted');

  // An exempt document of a published partnership: the public see only the paragraph, never its title or file.
  const fileBytes = wordDocument(mark('exempt document text'));
  const file = await one(
    `insert into files (tenant_id, filename, content_type, size_bytes, sha256, content)
    values ($1, $2, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', $3, $4, $5) returning id`,
    [tenant, `${mark('exempt document file name')}.docx`, fileBytes.length, createHash('sha256').update(fileBytes).digest('hex'), fileBytes],
  );
  await q(
    `insert into source_documents (tenant_id, partnership_id, title, note, file_id, exempt_paragraph)
    values ($1, $2, $3, $4, $5, 3)`,
    [tenant, published, mark('exempt document title'), mark('exempt document note'), file],
  );

  // A published document with its file, which the public may download.
  const openBytes = wordDocument('Terms of reference, agreed by the board.');
  const openFile = await one(
    `insert into files (tenant_id, filename, content_type, size_bytes, sha256, content)
    values ($1, 'terms-of-reference.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', $2, $3, $4) returning id`,
    [tenant, openBytes.length, createHash('sha256').update(openBytes).digest('hex'), openBytes],
  );
  await q(`insert into source_documents (tenant_id, partnership_id, title, kind, file_id) values ($1, $2, 'Terms of reference', 'terms_of_reference', $3)`, [
    tenant,
    published,
    openFile,
  ]);

  // ---- Committees and meetings ----------------------------------------------------------------------------
  const draftBody = await one(`insert into bodies (tenant_id, name, kind, publication_state) values ($1, $2, 'committee', 'draft') returning id`, [
    tenant,
    mark('draft committee name'),
  ]);
  const meeting = async (bodyId: string, isPublic: boolean, agendaPublished: boolean, what: string, date: string) => {
    const id = await one(
      `insert into meetings (tenant_id, body_id, meeting_date, start_time, is_public, agenda_published_on, venue)
      values ($1, $2, $3, '10:00', $4, case when $5 then $3::date - 10 end, $6) returning id`,
      // The date, time and place of a public meeting are public before its agenda is; of a private one, never.
      [tenant, bodyId, date, isPublic, agendaPublished, isPublic ? 'Shire Hall' : mark(`${what} meeting venue`)],
    );
    return id;
  };
  const item = async (meetingId: string, position: number, exempt: number | null, what: string) =>
    one(`insert into agenda_items (tenant_id, meeting_id, position, title, description, exempt_paragraph) values ($1, $2, $3, $4, $5, $6) returning id`, [
      tenant,
      meetingId,
      position,
      mark(`${what} item title`),
      mark(`${what} item description`),
      exempt,
    ]);
  const report = async (itemId: string, status: 'draft' | 'published', what: string) => {
    const content = emptyReport(mark(`${what} report title`));
    content.purpose = mark(`${what} report purpose`);
    content.recommendations = [mark(`${what} report recommendation`)];
    await q(
      `insert into reports (tenant_id, agenda_item_id, kind, document, status, published_at)
      values ($1, $2, 'template', $3, $4, case when $4 = 'published' then clock_timestamp() end)`,
      [tenant, itemId, JSON.stringify(content), status],
    );
  };
  const minute = async (meetingId: string, bodyId: string, itemId: string | null, number: number, what: string) => {
    const id = await one(
      `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title, discussion)
      values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [tenant, bodyId, meetingId, itemId, number, mark(`${what} minute title`), mark(`${what} minute discussion`)],
    );
    return one(`insert into resolutions (tenant_id, minute_id, position, text, outcome) values ($1, $2, 1, $3, 'unanimous') returning id`, [
      tenant,
      id,
      mark(`${what} resolution`),
    ]);
  };

  // A public meeting of a public body, agenda and minutes published: an exempt item (with a published
  // report, a minute and a resolution), a draft report on an open item, and a late paper (a supplement).
  const open = await meeting(publicBody, true, true, 'open', '2026-10-15');
  const exemptItem = await item(open, 1, 3, 'exempt');
  await report(exemptItem, 'published', 'exempt item');
  const openItem = await one(
    `insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 2, 'Community resilience update') returning id`,
    [tenant, open],
  );
  await report(openItem, 'draft', 'draft');
  const exemptResolution = await minute(open, publicBody, exemptItem, 5001, 'exempt');
  const late = await one(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 3, 'Late paper: winter resilience') returning id`, [
    tenant,
    open,
  ]);
  const latePaper = emptyReport('Winter resilience');
  latePaper.purpose = 'To note the winter plan.';
  await q(
    `insert into reports (tenant_id, agenda_item_id, kind, document, status, published_at) values ($1, $2, 'template', $3, 'published', clock_timestamp())`,
    [tenant, late, JSON.stringify(latePaper)],
  );
  await q(`update meetings set minutes_state = 'published', minutes_published_on = '2026-10-20' where id = $1`, [open]);
  // A private meeting of the public body, with draft minutes.
  const closed = await meeting(publicBody, false, true, 'private', '2026-10-22');
  await item(closed, 1, null, 'private meeting');
  const privateResolution = await minute(closed, publicBody, null, 5003, 'private meeting');
  await q(`update meetings set minutes_state = 'draft' where id = $1`, [closed]);
  // A public meeting whose agenda is not yet published, and a meeting of the draft committee.
  const unpublished = await meeting(publicBody, true, false, 'unpublished agenda', '2026-12-17');
  await item(unpublished, 1, null, 'unpublished agenda');
  const draftMeeting = await meeting(draftBody, true, true, 'draft committee', '2026-11-12');
  await item(draftMeeting, 1, null, 'draft committee');
  // A published body's meeting presents the private meeting's minutes as its paper.
  await q(`update agenda_items set minutes_of_meeting_id = $2 where id = $1`, [openItem, closed]);

  // ---- Plans and the portfolio ------------------------------------------------------------------------------
  const plan = await one(`select id from plans where kind = 'delivery_plan' and publication_state = 'published' limit 1`);
  await q(`update plans set partnership_id = $2, body_id = $3, endorsed_resolution_id = $4, endorsed_meeting_id = $5 where id = $1`, [
    plan,
    draftPartnership,
    draftBody,
    exemptResolution,
    open,
  ]);
  const action = await one(`select id from plan_actions where plan_id = $1 and deleted_at is null order by reference limit 1`, [plan]);
  for (const r of [exemptResolution, privateResolution]) {
    await q(`insert into plan_action_links (tenant_id, action_id, resolution_id) values ($1, $2, $3)`, [tenant, action, r]);
  }
  await q(`insert into plan_action_links (tenant_id, action_id, meeting_id) values ($1, $2, $3)`, [tenant, action, closed]);
  const draftPlan = await one(
    `insert into plans (tenant_id, kind, title, introduction, partnership_id, publication_state)
    values ($1, 'delivery_plan', $2, $3, $4, 'draft') returning id`,
    [tenant, mark('draft plan title'), mark('draft plan introduction'), published],
  );
  await q(`insert into plan_priorities (tenant_id, plan_id, number, title) values ($1, $2, 1, $3)`, [tenant, draftPlan, mark('draft plan priority')]);
  await q(`insert into portfolio_items (tenant_id, title, description, lead_director, publication_state) values ($1, $2, $3, $4, 'draft')`, [
    tenant,
    mark('draft portfolio title'),
    mark('draft portfolio description'),
    mark('draft portfolio director'),
  ]);
  await q(`update portfolio_items set partnership_id = $1, body_id = $2 where publication_state = 'published'`, [draftPartnership, draftBody]);

  // ---- Performance: a draft indicator, and unpublished values of a published one -----------------------------
  await q(
    `insert into indicators (tenant_id, title, definition, unit, polarity, frequency, publication_state)
    values ($1, $2, $3, 'count', 'higher_is_better', 'monthly', 'draft')`,
    [tenant, mark('draft indicator title'), mark('draft indicator definition')],
  );
  const indicator = await one(`select id from indicators where publication_state = 'published' and deleted_at is null order by title limit 1`);
  await q(
    `insert into indicator_values (tenant_id, indicator_id, period_start, value, commentary, corrective_action, published)
    values ($1, $2, '2026-10-01', 1, $3, $4, false)`,
    [tenant, indicator, mark('unpublished value commentary'), mark('unpublished value action')],
  );
  await q(
    `insert into plan_action_links (tenant_id, action_id, indicator_id)
    select $1, $2, id from indicators where publication_state = 'draft'`,
    [tenant, action],
  );

  // A councillor on the draft committee, with a note; an indicator reported to the draft partnership and committee.
  const councillor = await one(`select id from people where kind = 'councillor' and deleted_at is null order by name limit 1`);
  await q(`insert into body_members (tenant_id, body_id, person_id, role, note) values ($1, $2, $3, 'member', $4)`, [
    tenant,
    draftBody,
    councillor,
    mark('draft committee membership note'),
  ]);
  await q(`insert into body_roles (tenant_id, body_id, title, person_id, note) values ($1, $2, $3, $4, $5)`, [
    tenant,
    draftBody,
    mark('draft committee role title'),
    councillor,
    mark('draft committee role note'),
  ]);
  await q(`insert into indicator_assignments (tenant_id, indicator_id, partnership_id) values ($1, $2, $3)`, [tenant, indicator, draftPartnership]);
  await q(`insert into indicator_assignments (tenant_id, indicator_id, body_id) values ($1, $2, $3)`, [tenant, indicator, draftBody]);

  // ---- Outside bodies ------------------------------------------------------------------------------------------
  await q(`insert into outside_bodies (tenant_id, name, kind, purpose, publication_state) values ($1, $2, 'outside_body', $3, 'draft')`, [
    tenant,
    mark('draft outside body name'),
    mark('draft outside body purpose'),
  ]);
  // Published outside bodies report to the draft committee; the councillor is appointed to the draft outside body.
  await q(`update outside_bodies set committee_id = $1 where publication_state = 'published'`, [draftBody]);
  await q(
    `insert into outside_body_appointments (tenant_id, outside_body_id, person_id, role, note)
     select $1, id, $2, 'representative', $3 from outside_bodies where publication_state = 'draft'`,
    [tenant, councillor, mark('draft outside body appointment note')],
  );

  // ---- Partnership money: a proposed contribution and exempt money of a published partnership; money of a draft one ----
  const org = await one(`select id from organisations where deleted_at is null order by name limit 1`);
  await q(
    `insert into contributions (tenant_id, partnership_id, organisation_id, financial_year, amount_pence, note, status, kind, in_kind_description)
    values ($1, $2, $3, 2030, 123400, $4, 'proposed', 'in_kind', $5)`,
    [tenant, published, org, mark('proposed contribution note'), mark('proposed contribution in kind')],
  );
  for (const [partnershipId, exempt, what] of [
    [published, 3, 'exempt'],
    [draftPartnership, null, 'draft partnership'],
  ] as const) {
    const pool = await one(
      `insert into pooled_budgets (tenant_id, partnership_id, name, financial_year, legal_basis, purposes, exempt_paragraph)
      values ($1, $2, $3, 2030, $4, array[$5], $6) returning id`,
      [tenant, partnershipId, mark(`${what} pooled budget name`), mark(`${what} pooled budget legal basis`), mark(`${what} pooled budget purpose`), exempt],
    );
    await q(`insert into pooled_budget_shares (tenant_id, pooled_budget_id, organisation_id, amount_pence) values ($1, $2, $3, 98765432)`, [tenant, pool, org]);
    await q(
      `insert into partnership_funding (tenant_id, partnership_id, kind, funder, title, amount_pence, conditions, exempt_paragraph)
      values ($1, $2, 'grant', $3, $4, 100, $5, $6)`,
      [tenant, partnershipId, mark(`${what} funder`), mark(`${what} funding title`), mark(`${what} funding conditions`), exempt],
    );
    await q(
      `insert into partnership_investments (tenant_id, partnership_id, kind, counterparty, purpose, amount_pence, exempt_paragraph)
      values ($1, $2, 'loan', $3, $4, 100, $5)`,
      [tenant, partnershipId, mark(`${what} loan counterparty`), mark(`${what} loan purpose`), exempt],
    );
  }

  // ---- Published accountability reports (issue 16) ------------------------------------------------------------
  // A quarterly update of the published partnership, the demo's annual review and the partnership's health check,
  // each published (frozen) as an officer would; another published partnership's health check, whose officer's
  // evidence is marked, is published and then withdrawn; a marked judgement of the draft partnership is never
  // publishable. The crawl reaches /accountability and everything beneath it.
  const officer = { tenantId: tenant, actor: 'partnership.officer@example.org', requestId: 'leak-fixtures' };
  await publishQuarterly(t.db, officer, { quarter: '2026-07-01', date: '2026-10-30', p: [published] });
  // The annual review names the draft partnerships of this set, so publishing it is refused (nothing frozen).
  const review = await one('select id from annual_reviews where deleted_at is null order by created limit 1');
  const refused = await publishAnnual(t.db, officer, review, {}).then(
    () => false,
    (e: Error) => /names records the public may not see/.test(e.message),
  );
  if (!refused) throw new Error('an annual review naming draft partnerships was published');
  // One of another published partnership alone (the drafts above are the first one's sub-groups), over a year with
  // no change in the landscape in it or after it (the drafts' events are on 1 April 2025), is published.
  const other = await one(`select id from partnerships where publication_state = 'published' and deleted_at is null and id <> $1 order by name limit 1`, [
    published,
  ]);
  const ownReview = await one(
    `insert into annual_reviews (tenant_id, title, period_start, period_end, report_date) values ($1, 'Review of the published partnership', '2025-04-02', '2026-03-31', '2026-06-01') returning id`,
    [tenant],
  );
  await q(`insert into annual_review_partnerships (tenant_id, review_id, partnership_id, position) values ($1, $2, $3, 0)`, [tenant, ownReview, other]);
  await publishAnnual(t.db, officer, ownReview, {});
  await publishHealthCheck(t.db, officer, published, 2026, {}, '2026-12-01');
  const withdrawn = await one(`select id from partnerships where publication_state = 'published' and deleted_at is null and id <> $1 order by name limit 1`, [
    published,
  ]);
  // A criterion the officer judges (not worked out from the records, not the Principle 1 test).
  const [{ key }] = (await q<{ key: string }>(
    `select p.number || c.letter as key from principles p join principle_criteria c on c.principle_id = p.id
     where p.tenant_id = $1 and p.number > 1 and p.deleted_at is null and not (p.number || c.letter = any($2::text[])) order by p.number, c.letter limit 1`,
    [tenant, [...COMPUTED]],
  )) as [{ key: string }];
  for (const [partnershipId, what] of [
    [withdrawn, 'withdrawn health check'],
    [draftPartnership, 'draft partnership health check'],
  ] as const)
    await q(`insert into health_check_judgements (tenant_id, partnership_id, year, criterion, rag, evidence) values ($1, $2, 2026, $4, 'red', $3)`, [
      tenant,
      partnershipId,
      mark(`${what} evidence`),
      key,
    ]);
  await publishHealthCheck(t.db, officer, withdrawn, 2026, {}, '2026-12-01');
  await withdrawHealthCheck(t.db, officer, withdrawn, 2026);

  return { markers };
}
