// A large county's ten years of data for the public-pages benchmark (issue 19), written set-wise in SQL
// (generate_series, INSERT ... SELECT) into a fresh, migrated PostgreSQL database:
//   200 partnerships (bench/seed.ts's register, plus performance-seed.ts's four boards), all published;
//   100 published bodies, each linked to a partnership, with ten members;
//   5,000 meetings (50 a body, every 73 days from April 2017, so the last few are still to come), each
//   with its agenda published a week before; the held ones with minutes approved (the latest published);
//   50,000 agenda items (ten a meeting; one in fifty exempt under paragraph 3, one in twenty a key decision);
//   20,000 papers (uploaded PDFs, published, on items 2–5) whose words are in search_file_texts;
//   a minute for every item of a held meeting, numbered on per body, and a resolution for each decision item;
//   2,000 indicators × 10 years monthly, published with targets (performance-seed.ts);
//   10,000 budget lines × 120 months (ten financial years of 12 periods) with their yearly budgets.
// Generated data needs no audit trail: each step runs with the triggers off (session_replication_role
// replica), as performance-seed.ts does, so the keys are made consistent here by construction.
import type { Database } from '../src/db/database.ts';
import { seedLargePerformance } from './performance-seed.ts';
import { seedLargeRegister } from './seed.ts';

export interface CountyData {
  /** The busiest committee (the first), one of its held meetings with minutes, and the big scorecard's partnership. */
  bodyId: string;
  meetingId: string;
  partnershipId: string;
  counts: Record<string, number>;
  seconds: number;
}

const TOPICS = [
  'budget',
  'housing',
  'transport',
  'schools',
  'health',
  'libraries',
  'waste',
  'planning',
  'highways',
  'safeguarding',
  'climate',
  'broadband',
  'skills',
  'tourism',
  'flooding',
  'parking',
];

export async function seedCounty(db: Database, tenantId: string, { today = new Date().toISOString().slice(0, 10) } = {}): Promise<CountyData> {
  const started = Date.now();
  const step = async (label: string, work: (tx: Database) => Promise<unknown>) => {
    const t = Date.now();
    await db.transaction({ actor: 'bench' }, async (tx) => {
      await tx.query(`set local session_replication_role = replica`);
      await work(tx as unknown as Database);
    });
    if (process.env.BENCH_VERBOSE) console.log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  // 196 partnerships here and performance-seed's four boards: 200, all published.
  await seedLargeRegister(db, tenantId, { partnerships: 196, people: 5000 });
  const { partnershipId } = await seedLargePerformance(db, tenantId, { indicators: 2000, months: 120, focus: 500 });
  const topics = `(array[${TOPICS.map((t) => `'${t}'`).join(',')}])`;

  await step('bodies', async (tx) => {
    await tx.query(
      `insert into bodies (tenant_id, name, kind, partnership_id, terms_of_reference, quorum, default_venue, default_start_time, clerk_name, clerk_email, publication_state)
      select $1, 'Committee ' || lpad(g::text, 3, '0'), (array['committee', 'board', 'sub_group', 'task_and_finish_group'])[1 + g % 4],
        (select id from partnerships p where p.tenant_id = $1 order by p.name offset g - 1 limit 1),
        'Terms of reference of committee ' || g || '. ' || repeat('The committee oversees the work of the partnership. ', 4),
        3, 'Shire Hall', time '14:00', 'Clerk ' || g, 'clerk' || g || '@example.org', 'published'
      from generate_series(1, 100) g`,
      [tenantId],
    );
    await tx.query(
      `insert into body_members (tenant_id, body_id, person_id, role, political_group, start_date, appointed_by)
      select $1, b.id, pe.id, case k when 0 then 'chair' when 1 then 'vice_chair' else 'member' end, (array['Conservative','Labour','Liberal Democrat','Independent'])[1 + k % 4],
        date '2017-01-01', 'Council'
      from (select id, row_number() over (order by name) as n from bodies where tenant_id = $1) b
      cross join generate_series(0, 9) k
      join (select id, row_number() over (order by name) as n from people where tenant_id = $1 and kind = 'councillor') pe
        on pe.n = 1 + ((b.n * 10 + k) % (select count(*) from people where tenant_id = $1 and kind = 'councillor'))`,
      [tenantId],
    );
  });

  await step('meetings', (tx) =>
    tx.query(
      `insert into meetings (tenant_id, body_id, meeting_date, start_time, end_time, venue, status, is_public, agenda_published_on,
        minutes_state, minutes_published_on, minutes_approved_on)
      select $1, b.id, d, time '14:00', time '16:30', 'Shire Hall', case when d < $2::date then 'held' else 'scheduled' end, true,
        case when d - 7 <= $2::date then d - 7 end,
        case when d >= $2::date then 'none' when k = last_held then 'published' else 'approved' end,
        case when d < $2::date then d + 10 end, case when d < $2::date and k < last_held then d + 73 end
      from (select id, row_number() over (order by name) as n from bodies where tenant_id = $1) b
      cross join generate_series(0, 49) k
      cross join lateral (select (date '2017-04-01' + k * 73 + b.n::int % 60)::date as d) x
      cross join lateral (select max(j) as last_held from generate_series(0, 49) j where date '2017-04-01' + j * 73 + b.n::int % 60 < $2::date) l`,
      [tenantId, today],
    ),
  );

  await step('agenda items', (tx) =>
    tx.query(
      `insert into agenda_items (tenant_id, meeting_id, position, section, title, purpose, lead_officers, key_decision_ref, exempt_paragraph, description)
      select $1, m.id, p, case when p <= 3 then 'Procedural items' else 'Reports' end,
        case p when 1 then 'Apologies and declarations of interest' when 2 then 'Minutes of the last meeting'
          else initcap(t) || ' report ' || m.n || '-' || p end,
        case when p <= 2 then 'standing' when p % 2 = 0 then 'decision' else 'information' end,
        'Officer ' || (m.n % 300), case when (m.n + p) % 20 = 0 then 'KD' || (2017 + m.n % 10) || '/' || lpad((m.n % 1000)::text, 3, '0') end,
        case when (m.n * 10 + p) % 50 = 7 then 3 end,
        'To consider the ' || t || ' report for the meeting.'
      from (select id, row_number() over (order by body_id, meeting_date) as n from meetings where tenant_id = $1) m
      cross join generate_series(1, 10) p
      cross join lateral (select ${topics}[1 + (m.n::int * 7 + p) % ${TOPICS.length}] as t) x`,
      [tenantId],
    ),
  );

  await step('papers', async (tx) => {
    // Items 2–5 of every meeting carry an uploaded paper; the file's id is made here to join the three rows.
    await tx.query(
      `create temporary table bench_papers on commit drop as
      select gen_random_uuid() as file_id, i.id as item_id, i.title, i.position, m.meeting_date, row_number() over (order by i.id) as n
      from agenda_items i join meetings m on m.id = i.meeting_id
      where i.tenant_id = $1 and i.position between 2 and 5`,
      [tenantId],
    );
    await tx.query(
      `insert into files (id, tenant_id, filename, content_type, size_bytes, sha256, content, page_count)
      select file_id, $1, 'paper-' || n || '.pdf', 'application/pdf', 9, encode(sha256(('%PDF-1.4 ' || n)::bytea), 'hex'), '%PDF-1.4 '::bytea, 4
      from bench_papers`,
      [tenantId],
    );
    await tx.query(
      `insert into reports (tenant_id, agenda_item_id, kind, file_id, status, published_at)
      select $1, item_id, 'upload', file_id, 'published', meeting_date - 7 from bench_papers`,
      [tenantId],
    );
    // About 1,500 characters of words per paper, varied by topic so searches find some and not all.
    await tx.query(
      `insert into search_file_texts (file_id, tenant_id, content)
      select file_id, $1, title || '. ' || string_agg(
          'The ' || ${topics}[1 + (n::int * 3 + k) % ${TOPICS.length}] || ' service reported on its ' || ${topics}[1 + (n::int + k * 5) % ${TOPICS.length}]
          || ' work for paragraph ' || k || ', with the partners, the budget and the risks set out for members to note.', ' ')
      from bench_papers cross join generate_series(1, 12) k group by file_id, title`,
      [tenantId],
    );
  });

  await step('minutes', async (tx) => {
    await tx.query(
      `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title, discussion)
      select $1, m.body_id, m.id, i.id, row_number() over (partition by m.body_id order by m.meeting_date, i.position), i.title,
        'Members discussed the ' || lower(i.title) || ' and asked questions of the officer.'
      from agenda_items i join meetings m on m.id = i.meeting_id
      where i.tenant_id = $1 and m.status = 'held'`,
      [tenantId],
    );
    await tx.query(
      `update bodies b set last_minute_number = x.n from (select body_id, max(number) as n from minutes where tenant_id = $1 group by body_id) x
      where b.id = x.body_id`,
      [tenantId],
    );
    await tx.query(
      `insert into resolutions (tenant_id, minute_id, position, text, outcome, votes_for, votes_against, abstentions, key_decision_ref)
      select $1, mi.id, 1, 'RESOLVED to approve the recommendations of the ' || lower(i.title) || '.',
        case when mi.number % 7 = 0 then 'majority' else 'unanimous' end,
        case when mi.number % 7 = 0 then 6 end, case when mi.number % 7 = 0 then 2 end, case when mi.number % 7 = 0 then 1 end, i.key_decision_ref
      from minutes mi join agenda_items i on i.id = mi.agenda_item_id
      where mi.tenant_id = $1 and i.purpose = 'decision'`,
      [tenantId],
    );
  });

  await step('finance', async (tx) => {
    await tx.query(
      `insert into finance_directorates (tenant_id, name, position)
      select $1, 'Directorate ' || g, g from generate_series(1, 6) g`,
      [tenantId],
    );
    await tx.query(
      `insert into finance_service_groups (tenant_id, directorate_id, name, position)
      select $1, d.id, 'Service group ' || d.position || '.' || g, g
      from finance_directorates d cross join generate_series(1, 10) g where d.tenant_id = $1`,
      [tenantId],
    );
    await tx.query(
      `insert into budget_lines (tenant_id, directorate_id, service_group_id, code, name, budget_holder, body_id, position)
      select $1, sg.directorate_id, sg.id, 'CC' || lpad(g::text, 5, '0'), 'Budget line ' || g, 'Holder ' || (g % 200),
        (select id from bodies where tenant_id = $1 order by name limit 1), g
      from generate_series(1, 10000) g
      join (select id, directorate_id, row_number() over (order by directorate_id, position) as n from finance_service_groups where tenant_id = $1) sg
        on sg.n = 1 + g % 60`,
      [tenantId],
    );
    await tx.query(
      `insert into budget_line_years (tenant_id, line_id, financial_year, original_budget_pence)
      select $1, l.id, 2016 + y, 10000000 + l.position * 1000 + y * 50000
      from budget_lines l cross join generate_series(0, 9) y where l.tenant_id = $1`,
      [tenantId],
    );
    await tx.query(
      `insert into budget_line_months (tenant_id, line_id, financial_year, period, actual_pence, forecast_pence)
      select $1, l.id, 2016 + y, p, (10000000 + l.position * 1000) * p / 12 + (l.position * 37 + p * 11) % 90000,
        10000000 + l.position * 1000 + y * 50000 + ((l.position * 13 + p * 7) % 400000) - 200000
      from budget_lines l cross join generate_series(0, 9) y cross join generate_series(1, 12) p where l.tenant_id = $1`,
      [tenantId],
    );
  });
  await db.exec('analyze');

  const counts: Record<string, number> = {};
  for (const table of [
    'partnerships',
    'bodies',
    'meetings',
    'agenda_items',
    'reports',
    'search_file_texts',
    'minutes',
    'resolutions',
    'indicators',
    'indicator_values',
    'budget_lines',
    'budget_line_months',
  ]) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId]);
    counts[table] = row?.n ?? 0;
  }
  const [body] = await db.query<{ id: string }>(`select id from bodies where tenant_id = $1 order by name limit 1`, [tenantId]);
  const [meeting] = await db.query<{ id: string }>(
    `select id from meetings where tenant_id = $1 and body_id = $2 and minutes_state = 'approved' order by meeting_date desc limit 1`,
    [tenantId, body!.id],
  );
  return { bodyId: body!.id, meetingId: meeting!.id, partnershipId, counts, seconds: (Date.now() - started) / 1000 };
}
