// The Reports section's own page: the kinds of accountability report the service writes, each with who
// writes it and for whom, linking to its list. Every member of staff reads it; the public have no reports.
import type { FastifyInstance } from 'fastify';
import { access } from '../access/route-access.ts';
import { page } from '../web/page.ts';

/** The report kinds in the order an officer meets them in the year. */
export const REPORT_KINDS = [
  {
    href: '/health-checks',
    title: 'Partnership health checks',
    text: 'The partnership officer judges each partnership against the Principles of Partnership Working every financial year, for the partnership’s board and the committee that oversees it; what the register can answer is worked out from it.',
  },
  {
    href: '/principles',
    title: 'Principles of Partnership Working',
    text: 'The principles the council adopted, each version with who adopted it and when, which the health checks are judged against.',
  },
  {
    href: '/quarterly-updates',
    title: 'Quarterly update to Cabinet',
    text: 'The partnership officer gathers each lead officer’s activity update into the quarter’s report to Cabinet, drafted from the register, submitted and approved before it goes to the meeting.',
  },
  {
    href: '/annual-reviews',
    title: 'Annual reviews of strategic partnerships',
    text: 'The partnership officer’s yearly review for councillors of how the partnership landscape changed and how each chosen partnership is doing, regenerated from the register whenever it is opened.',
  },
  {
    href: '/assessments',
    title: 'Self-assessments',
    text: 'An area’s self-assessment for an inspectorate, written by the lead officer with its evidence and the boards’ comments on each draft, and signed off through its route; never published.',
  },
] as const;

export async function registerReportsHub(app: FastifyInstance) {
  app.get(
    '/reports',
    access('manage.view'),
    page(async (_req, reply) => reply.view('reports/views/hub.njk', { pageTitle: 'Reports', kinds: REPORT_KINDS })),
  );
}
