// The demo data set, built from the seed papers (see register-notes.md for every judgement).
// Loaded on first start with an empty database unless DEMO_DATA=false or --no-demo.
import { readFile } from 'node:fs/promises';
import type { Database } from '../db/database.ts';
import { insertArea, insertOrganisation } from '../directory/directory.repository.ts';
import { insertPartnership } from '../partnerships/partnerships.repository.ts';
import * as parts from '../partnerships/parts.repository.ts';
import type { EventKind } from '../partnerships/index.ts';
import { publishAllPartnerships } from './demo.repository.ts';
import { insertDemoPeople, keyResolver } from './demo-support.ts';
import { loadDemoMeetings } from './meetings-demo.ts';
import { loadDemoMinutes } from './minutes-demo.ts';
import { loadDemoAppointments } from './appointments-demo.ts';
import { loadDemoPerformance } from './performance-demo.ts';
import { loadDemoPlans } from './plans-demo.ts';
import { loadDemoFinance } from './finance-demo.ts';
import { loadDemoFinanceAppendices } from './finance-appendices-demo.ts';
import { loadDemoPrinciples } from './principles-demo.ts';
import { loadDemoPartnershipMoney } from './partnership-money-demo.ts';
import { loadDemoReports } from './reports-demo.ts';
import { loadDemoAssessment } from './assessment-demo.ts';
import { loadDemoAnnualReviews } from './annual-review-demo.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('register.json');

interface DemoRegister {
  areas: { key: string; name: string; kind: string }[];
  organisations: { key: string; name: string; shortName?: string; kind: string; website?: string; email?: string; phone?: string }[];
  people: {
    key: string;
    name: string;
    honorificPrefix?: string;
    kind: string;
    organisationKey: string;
    post?: string;
    party?: string;
    electoralDivision?: string;
    portfolio?: string;
    email: string;
    phone: string;
  }[];
  partnerships: {
    key: string;
    name: string;
    shortName?: string;
    kind: string;
    subgroupType?: string;
    purpose: string;
    mission?: string;
    responsibilities: string[];
    termsOfReference?: string;
    areaKeys: string[];
    reportsTo: { parentKey: string; startDate?: string; endDate?: string }[];
    events: { kind: EventKind; date: string; datePrecision: string; relatedKey?: string; previousName?: string; description: string; source?: string }[];
    memberOrganisations: { organisationKey: string; startDate?: string; endDate?: string }[];
    memberships: { personKey: string; role: string; onBehalfOfKey?: string; remit?: string; startDate?: string; endDate?: string }[];
    contributions: { organisationKey: string; financialYear: number; amountPence: number; note?: string }[];
    sourceDocuments: { title: string; date?: string; note?: string }[];
  }[];
}

export { isEmpty } from './demo.repository.ts';

export async function readDemoRegister(): Promise<DemoRegister> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoRegister;
}

export async function loadDemoData(db: Database, tenantId: string): Promise<{ partnerships: number }> {
  const data = await readDemoRegister();
  return db.transaction({ actor: 'demo' }, async (tx) => {
    const ids = new Map<string, string>();
    const { ref } = keyResolver(ids, 'Demo data refers');
    for (const a of data.areas) ids.set(a.key, await insertArea(tx, tenantId, a));
    for (const o of data.organisations) {
      ids.set(
        o.key,
        await insertOrganisation(tx, tenantId, {
          name: o.name,
          shortName: o.shortName ?? null,
          kind: o.kind,
          website: o.website ?? null,
          email: o.email ?? null,
          phone: o.phone ?? null,
        }),
      );
    }
    await insertDemoPeople(tx, tenantId, data.people, ids, ref);
    // Partnerships first, then everything that refers to them (events may name a later one).
    for (const p of data.partnerships) {
      ids.set(
        p.key,
        await insertPartnership(tx, tenantId, {
          name: p.name,
          shortName: p.shortName ?? null,
          kind: p.kind,
          subgroupType: p.subgroupType ?? null,
          purpose: p.purpose,
          mission: p.mission ?? null,
          responsibilities: p.responsibilities,
          termsOfReference: p.termsOfReference ?? null,
          termsOfReferenceUrl: null,
          areaIds: p.areaKeys.map((k) => ref(k)!),
        }),
      );
    }
    for (const p of data.partnerships) {
      const id = ref(p.key)!;
      for (const line of p.reportsTo) {
        await parts.insertReportingLine(tx, tenantId, {
          partnershipId: id,
          parentId: ref(line.parentKey)!,
          startDate: line.startDate ?? null,
          endDate: line.endDate ?? null,
        });
      }
      for (const e of p.events) {
        await parts.insertEvent(tx, tenantId, id, {
          kind: e.kind,
          eventDate: e.date,
          datePrecision: e.datePrecision,
          relatedPartnershipId: ref(e.relatedKey),
          previousName: e.previousName ?? null,
          description: e.description,
          source: e.source ?? null,
        });
      }
      for (const m of p.memberOrganisations) {
        await parts.insertMembership(tx, tenantId, id, {
          personId: null,
          organisationId: ref(m.organisationKey),
          role: 'member',
          onBehalfOfId: null,
          remit: null,
          startDate: m.startDate ?? null,
          endDate: m.endDate ?? null,
        });
      }
      for (const m of p.memberships) {
        await parts.insertMembership(tx, tenantId, id, {
          personId: ref(m.personKey),
          organisationId: null,
          role: m.role,
          onBehalfOfId: ref(m.onBehalfOfKey),
          remit: m.remit ?? null,
          startDate: m.startDate ?? null,
          endDate: m.endDate ?? null,
        });
      }
      for (const c of p.contributions) {
        await parts.insertContribution(tx, tenantId, id, {
          organisationId: ref(c.organisationKey)!,
          financialYear: c.financialYear,
          amountPence: c.amountPence,
          note: c.note ?? null,
        });
      }
      for (const d of p.sourceDocuments) {
        await parts.insertDocument(tx, tenantId, id, { title: d.title, url: null, documentDate: d.date ?? null, note: d.note ?? null });
      }
    }
    // The demo register is what the seed papers published.
    await publishAllPartnerships(tx, tenantId);
    await loadDemoMeetings(tx, tenantId, ids);
    await loadDemoAppointments(tx, tenantId, ids);
    await loadDemoMinutes(tx, tenantId, ids);
    await loadDemoPerformance(tx, tenantId, ids);
    await loadDemoPlans(tx, tenantId, ids);
    await loadDemoFinance(tx, tenantId, ids);
    await loadDemoFinanceAppendices(tx, tenantId);
    await loadDemoPrinciples(tx, tenantId, ids);
    await loadDemoPartnershipMoney(tx, tenantId, ids);
    await loadDemoReports(tx, tenantId, ids);
    await loadDemoAssessment(tx, tenantId, ids);
    await loadDemoAnnualReviews(tx, tenantId, ids);
    return { partnerships: data.partnerships.length };
  });
}
