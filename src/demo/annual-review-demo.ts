// Seed 002's annual review of strategic partnerships (Strategy and Resources, 10 October 2011) as a stored
// draft: its summary, recommendations a)-c), the six partnerships it reports on in its order with where each
// is heading, its implications and background papers. The landscape's changes, representatives, sub-groups,
// contributions and health checks come from the register. See demo/annual-review-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { IMPLICATION_HEADINGS, insertReview, setPartnerships } from '../reports/annual-reviews.repository.ts';
import { demoDataFile } from './data-files.ts';

export interface DemoAnnualReviews {
  reviews: {
    title: string;
    periodStart: string;
    periodEnd: string;
    reportDate: string;
    author: string;
    summary: string;
    recommendations: string[];
    partnerships: { partnershipKey: string; direction: string }[];
    implications: string[];
    backgroundPapers: string[];
  }[];
}

export async function readDemoAnnualReviews(): Promise<DemoAnnualReviews> {
  return JSON.parse(await readFile(demoDataFile('annual-review.json'), 'utf8')) as DemoAnnualReviews;
}

export async function loadDemoAnnualReviews(tx: Queryable, tenantId: string, ids: ReadonlyMap<string, string>) {
  for (const r of (await readDemoAnnualReviews()).reviews) {
    const id = await insertReview(tx, tenantId, {
      ...r,
      implications: IMPLICATION_HEADINGS.map((heading, i) => ({ heading, text: r.implications[i] ?? '' })),
    });
    const chosen = r.partnerships.map((p) => {
      const partnershipId = ids.get(p.partnershipKey);
      if (!partnershipId) throw new Error(`Demo annual review refers to an unknown partnership: ${p.partnershipKey}`);
      return { partnershipId, direction: p.direction };
    });
    await setPartnerships(tx, tenantId, id, chosen);
  }
}
