// A partnership's health check as the public see it once published (issue 16): frozen when an officer publishes
// it, so it does not change afterwards until they publish a new version. It keeps each criterion's RAG and its
// one-sentence summary (counts, or the officer's evidence), the Principle 1 test and the RAG counts, and leaves
// out the staff evidence links: those name records (meetings of private boards, risks, people's pages) that the
// public view may not show.
import { financialYearLabel, formatLongDate } from '../calendar/format.ts';
import { type Rag, ragCounts } from './health-rules.ts';
import type { healthCheckView } from './health.service.ts';

export interface HealthCheckDocument {
  title: string;
  partnership: { id: string; name: string };
  year: number;
  yearLabel: string;
  asAt: string;
  asAtText: string;
  principlesAdopted: string | null;
  sections: {
    number: number;
    heading: string;
    criteria: { key: string; text: string; computed: boolean; rag: Rag; summary: string }[];
  }[];
  counts: Record<Rag, number>;
  principleOne: { statement: string; criteria: { letter: string; text: string; answer: string }[] } | null;
}

type View = Awaited<ReturnType<typeof healthCheckView>>;

/** The document frozen for the public: what the staff page shows, without the evidence links. */
export function healthCheckDocument(view: View, year: number): HealthCheckDocument {
  const sections = view.sections.map((s) => ({
    number: s.number,
    heading: s.heading,
    criteria: s.criteria.map((c) => ({ key: c.key, text: c.text, computed: c.computed, rag: c.result.rag, summary: c.result.summary })),
  }));
  const p1 = view.principleOne;
  return {
    title: `${view.partnership.name}: health check ${financialYearLabel(year)}`,
    partnership: { id: view.partnership.id, name: view.partnership.name },
    year,
    yearLabel: financialYearLabel(year),
    asAt: view.asAt,
    asAtText: formatLongDate(view.asAt),
    principlesAdopted: view.version ? formatLongDate(view.version.adoptedOn) : null,
    sections,
    counts: ragCounts(sections.flatMap((s) => s.criteria.map((c) => c.rag))),
    principleOne: p1
      ? {
          statement: p1.statement,
          criteria: p1.criteria.map((c) => {
            const t = view.test.get(c.letter);
            return { letter: c.letter, text: c.text, answer: t ? `${t.met ? 'Met' : 'Not met'}: ${t.reason}` : 'Not recorded' };
          }),
        }
      : null,
  };
}
