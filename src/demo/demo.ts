// The demo data set, built from the seed papers (see register-notes.md for every judgement).
// Loaded on first start with an empty database unless DEMO_DATA=false or --no-demo.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from '../db/database.ts';
import { insertArea, insertOrganisation, insertPerson } from '../directory/directory.repository.ts';
import * as repo from '../partnerships/partnerships.repository.ts';
import type { EventKind } from '../partnerships/index.ts';
import { loadDemoMeetings } from './meetings-demo.ts';
import { loadDemoMinutes } from './minutes-demo.ts';
import { loadDemoAppointments } from './appointments-demo.ts';
import { loadDemoPerformance } from './performance-demo.ts';
import { loadDemoPlans } from './plans-demo.ts';

const DEMO_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'register.json');

interface DemoRegister {
  areas: { key: string; name: string; kind: string }[];
  organisations: { key: string; name: string; shortName?: string; kind: string; website?: string; email?: string; phone?: string }[];
  people: { key: string; name: string; honorificPrefix?: string; kind: string; organisationKey: string; post?: string; party?: string;
    electoralDivision?: string; portfolio?: string; email: string; phone: string }[];
  partnerships: {
    key: string; name: string; shortName?: string; kind: string; subgroupType?: string; purpose: string; mission?: string;
    responsibilities: string[]; termsOfReference?: string; areaKeys: string[];
    reportsTo: { parentKey: string; startDate?: string; endDate?: string }[];
    events: { kind: EventKind; date: string; datePrecision: string; relatedKey?: string; previousName?: string; description: string; source: string }[];
    memberOrganisations: { organisationKey: string; startDate?: string; endDate?: string }[];
    memberships: { personKey: string; role: string; onBehalfOfKey?: string; remit?: string; startDate?: string; endDate?: string }[];
    contributions: { organisationKey: string; financialYear: number; amountPence: number; note?: string }[];
    sourceDocuments: { title: string; date?: string; note?: string }[];
  }[];
}

export async function readDemoRegister(): Promise<DemoRegister> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoRegister;
}

/** True when the tenant has nothing in its register yet. */
export async function isEmpty(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await db.query(`select 1 from partnerships where tenant_id = $1 union all select 1 from organisations where tenant_id = $1 limit 1`, [tenantId]);
  return rows.length === 0;
}

export async function loadDemoData(db: Database, tenantId: string): Promise<{ partnerships: number }> {
  const data = await readDemoRegister();
  return db.transaction({ actor: 'demo' }, async (tx) => {
    const ids = new Map<string, string>();
    const ref = (key: string | undefined) => {
      if (!key) return null;
      const found = ids.get(key);
      if (!found) throw new Error(`Demo data refers to unknown key ${key}`);
      return found;
    };
    for (const a of data.areas) ids.set(a.key, await insertArea(tx, tenantId, a));
    for (const o of data.organisations) {
      ids.set(o.key, await insertOrganisation(tx, tenantId, { name: o.name, shortName: o.shortName ?? null, kind: o.kind,
        website: o.website ?? null, email: o.email ?? null, phone: o.phone ?? null }));
    }
    for (const p of data.people) {
      ids.set(p.key, await insertPerson(tx, tenantId, { name: p.name, honorificPrefix: p.honorificPrefix ?? null, kind: p.kind,
        organisationId: ref(p.organisationKey), post: p.post ?? null, party: p.party ?? null, electoralDivision: p.electoralDivision ?? null,
        portfolio: p.portfolio ?? null, email: p.email, phone: p.phone }));
    }
    // Partnerships first, then everything that refers to them (events may name a later one).
    for (const p of data.partnerships) {
      ids.set(p.key, await repo.insertPartnership(tx, tenantId, { name: p.name, shortName: p.shortName ?? null, kind: p.kind,
        subgroupType: p.subgroupType ?? null, purpose: p.purpose, mission: p.mission ?? null, responsibilities: p.responsibilities,
        termsOfReference: p.termsOfReference ?? null, termsOfReferenceUrl: null, areaIds: p.areaKeys.map((k) => ref(k)!) }));
    }
    for (const p of data.partnerships) {
      const id = ref(p.key)!;
      for (const line of p.reportsTo) {
        await repo.insertReportingLine(tx, tenantId, { partnershipId: id, parentId: ref(line.parentKey)!,
          startDate: line.startDate ?? null, endDate: line.endDate ?? null });
      }
      for (const e of p.events) {
        await repo.insertEvent(tx, tenantId, id, { kind: e.kind, eventDate: e.date, datePrecision: e.datePrecision,
          relatedPartnershipId: ref(e.relatedKey), previousName: e.previousName ?? null, description: e.description, source: e.source });
      }
      for (const m of p.memberOrganisations) {
        await repo.insertMembership(tx, tenantId, id, { personId: null, organisationId: ref(m.organisationKey), role: 'member',
          onBehalfOfId: null, remit: null, startDate: m.startDate ?? null, endDate: m.endDate ?? null });
      }
      for (const m of p.memberships) {
        await repo.insertMembership(tx, tenantId, id, { personId: ref(m.personKey), organisationId: null, role: m.role,
          onBehalfOfId: ref(m.onBehalfOfKey), remit: m.remit ?? null, startDate: m.startDate ?? null, endDate: m.endDate ?? null });
      }
      for (const c of p.contributions) {
        await repo.insertContribution(tx, tenantId, id, { organisationId: ref(c.organisationKey)!, financialYear: c.financialYear,
          amountPence: c.amountPence, note: c.note ?? null });
      }
      for (const d of p.sourceDocuments) {
        await repo.insertDocument(tx, tenantId, id, { title: d.title, url: null, documentDate: d.date ?? null, note: d.note ?? null });
      }
    }
    // The demo register is what the seed papers published.
    await tx.query(`update partnerships set publication_state = 'published', published_at = clock_timestamp() where tenant_id = $1`, [tenantId]);
    await loadDemoMeetings(tx, tenantId, ids);
    await loadDemoAppointments(tx, tenantId, ids);
    await loadDemoMinutes(tx, tenantId, ids);
    await loadDemoPerformance(tx, tenantId, ids);
    await loadDemoPlans(tx, tenantId, ids);
    return { partnerships: data.partnerships.length };
  });
}
