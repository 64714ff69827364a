// A generated register for benchmarks: 2,000 partnerships (a quarter of them sub-groups) and
// 20,000 people, with events, memberships and contributions, written with set-based SQL.
import type { Database } from '../src/db/database.ts';

export async function seedLargeRegister(db: Database, tenantId: string, { partnerships = 2000, people = 20000 } = {}) {
  await db.transaction({ actor: 'bench' }, async (tx) => {
    await tx.query(
      `insert into areas (tenant_id, name, kind)
      select $1, 'District ' || g, 'district' from generate_series(1, 10) g`,
      [tenantId],
    );
    await tx.query(
      `insert into organisations (tenant_id, name, kind)
      select $1, 'Organisation ' || lpad(g::text, 4, '0'), (array['district_council','nhs','police','business','voluntary'])[1 + g % 5]
      from generate_series(1, 200) g`,
      [tenantId],
    );
    await tx.query(
      `insert into people (tenant_id, name, kind, organisation_id, post, email, phone)
      select $1, 'Person ' || lpad(g::text, 5, '0'), (array['councillor','officer','partner_representative'])[1 + g % 3],
        (select id from organisations o where o.tenant_id = $1 order by o.name offset (g % 200) limit 1),
        'Post ' || g, 'person' || g || '@example.org', '01632 960' || lpad((g % 1000)::text, 3, '0')
      from generate_series(1, $2::int) g`,
      [tenantId, people],
    );
    await tx.query(
      `insert into partnerships (tenant_id, name, kind, subgroup_type, purpose, responsibilities, area_ids)
      select $1, 'Partnership ' || lpad(g::text, 4, '0'),
        case when g % 4 = 0 then 'sub_group' else (array['statutory_board','non_statutory_partnership','joint_committee'])[1 + g % 3] end,
        case when g % 4 = 0 then 'thematic' end,
        'Purpose of partnership ' || g || '. ' || repeat('Work together for the area. ', 5),
        array['Responsibility one', 'Responsibility two', 'Responsibility three'],
        array(select id from areas a where a.tenant_id = $1 order by a.name limit 1 + g % 3)
      from generate_series(1, $2::int) g`,
      [tenantId, partnerships],
    );
    // Sub-groups report to the top-level partnership just before them.
    await tx.query(
      `insert into reporting_lines (tenant_id, partnership_id, parent_id, start_date)
      select $1, c.id, p.id, date '2005-01-01'
      from partnerships c join partnerships p on p.tenant_id = c.tenant_id
        and p.name = 'Partnership ' || lpad((substr(c.name, 13)::int - 1)::text, 4, '0')
      where c.tenant_id = $1 and c.kind = 'sub_group'`,
      [tenantId],
    );
    await tx.query(
      `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, description)
      select $1, id, 'established', date '2000-01-01' + (row_number() over (order by name))::int, 'Established.'
      from partnerships where tenant_id = $1`,
      [tenantId],
    );
    await tx.query(
      `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, description)
      select $1, id, 'decommissioned', date '2011-01-01', 'Decommissioned.'
      from partnerships where tenant_id = $1 and substr(name, 13)::int % 7 = 0`,
      [tenantId],
    );
    await tx.query(
      `insert into memberships (tenant_id, partnership_id, person_id, role, start_date)
      select $1, p.id, pe.id, (array['chair','member','member','lead_officer','member_contact'])[1 + k % 5], date '2009-01-01'
      from (select id, row_number() over (order by name) as n from partnerships where tenant_id = $1) p
      cross join generate_series(0, 9) k
      join (select id, row_number() over (order by name) as n from people where tenant_id = $1) pe
        on pe.n = 1 + ((p.n * 10 + k) % $2::int)`,
      [tenantId, people],
    );
    await tx.query(
      `insert into contributions (tenant_id, partnership_id, organisation_id, financial_year, amount_pence)
      select $1, p.id, o.id, 2008 + y, 100000 + y * 2500
      from partnerships p cross join generate_series(0, 2) y
      join lateral (select id from organisations where tenant_id = $1 order by name limit 1) o on true
      where p.tenant_id = $1`,
      [tenantId],
    );
  });
  await db.transaction({ actor: 'bench' }, (tx) =>
    tx.query(`update partnerships set publication_state = 'published', published_at = now() where tenant_id = $1`, [tenantId]),
  );
  await db.exec('analyze');
}
