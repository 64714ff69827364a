// The two areas of the site: the public register, and the back office where officers edit.
// Each is grouped into a few sections (so GOV.UK service navigation stays one row at 1280 px); a section
// with several pages shows them in a section navigation at the top of each of its pages.

import { type Action, canSometimes, type Actor } from '../access/permissions.ts';

export type Area = 'public' | 'manage';

interface Link {
  href: string;
  text: string;
  /** Shown only to those who may sometimes do this (the Admin section's pages). */
  needs?: Action;
}
interface Section extends Link {
  /** The section's pages, in the order shown; the first is the section's own page. */
  pages?: Link[];
  /** Other paths that belong to the section without a link of their own. */
  also?: string[];
}

// The public site in a few sections, like the back office: each section of several pages shows them in a
// section navigation, so the service navigation stays one row at 1280 px and two at most on a phone.
const PUBLIC: Section[] = [
  {
    href: '/register',
    text: 'Partnerships',
    pages: [
      { href: '/register', text: 'Partnerships' },
      { href: '/register/landscape', text: 'Landscape' },
      { href: '/register/contacts', text: 'Contacts' },
      { href: '/accountability', text: 'Accountability reports' },
    ],
  },
  {
    href: '/calendar',
    text: 'Meetings',
    pages: [
      { href: '/calendar', text: 'Meetings' },
      { href: '/committees', text: 'Committees' },
      { href: '/decisions', text: 'Decisions' },
      { href: '/councillors', text: 'Councillors' },
      { href: '/representatives', text: 'Representatives' },
    ],
  },
  { href: '/scorecard', text: 'Performance' },
  { href: '/delivery-plans', text: 'Plans' },
  { href: '/search', text: 'Search' },
  // Staff land on their own work; the public are asked to sign in first.
  { href: '/start', text: 'Manage' },
];

const MANAGE: Section[] = [
  { href: '/start', text: 'Your work', also: ['/account'] },
  {
    href: '/partnerships',
    text: 'Partnerships',
    pages: [
      { href: '/partnerships', text: 'Partnerships' },
      { href: '/landscape', text: 'Landscape' },
      { href: '/contacts', text: 'Contacts' },
      { href: '/organisations', text: 'Organisations' },
      { href: '/people', text: 'People' },
      { href: '/outside-bodies', text: 'Outside bodies' },
    ],
  },
  {
    href: '/meetings',
    text: 'Meetings',
    pages: [
      { href: '/meetings', text: 'Meetings' },
      { href: '/bodies', text: 'Committees' },
    ],
  },
  {
    href: '/performance',
    text: 'Performance',
    pages: [
      { href: '/performance', text: 'Scorecards' },
      { href: '/performance/indicators', text: 'Indicators' },
      { href: '/performance/due', text: 'Values due' },
    ],
  },
  {
    href: '/plans',
    text: 'Plans',
    pages: [
      { href: '/plans', text: 'Plans' },
      { href: '/plans/overdue', text: 'Overdue actions' },
      { href: '/plans/risks', text: 'Risks' },
      { href: '/plans/portfolio', text: 'Portfolio' },
    ],
  },
  {
    href: '/finance',
    text: 'Finance',
    pages: [
      { href: '/finance', text: 'Budget monitoring' },
      { href: '/finance/reports', text: 'Finance reports' },
      { href: '/finance/appendices', text: 'Appendices' },
      { href: '/finance/virements', text: 'Virements' },
      { href: '/finance/key-activity', text: 'Key activity' },
    ],
  },
  {
    href: '/reports',
    text: 'Reports',
    pages: [
      { href: '/reports', text: 'All reports' },
      { href: '/health-checks', text: 'Health checks' },
      { href: '/principles', text: 'Principles' },
      { href: '/quarterly-updates', text: 'Quarterly updates' },
      { href: '/annual-reviews', text: 'Annual reviews' },
      { href: '/assessments', text: 'Self-assessments' },
    ],
  },
  { href: '/register', text: 'Public site' },
];

// One entry for administration, for those who manage users; its pages each need their own permission.
const ADMIN: Section = {
  href: '/admin',
  text: 'Admin',
  needs: 'users.manage',
  pages: [
    { href: '/admin/users', text: 'Users', needs: 'users.manage' },
    { href: '/admin/outbox', text: 'Outbox', needs: 'users.manage' },
    { href: '/admin/audit', text: 'Audit trail', needs: 'audit.view' },
    { href: '/admin/bank-holidays', text: 'Bank holidays', needs: 'calendar.manage' },
    { href: '/admin/implications', text: 'Implications sections', needs: 'users.manage' },
  ],
};

export function areaOf(path: string): Area {
  return path === '/' ||
    path.startsWith('/register') ||
    path.startsWith('/calendar') ||
    path.startsWith('/committees') ||
    path.startsWith('/representatives') ||
    path.startsWith('/scorecard') ||
    path.startsWith('/delivery-plans') ||
    path.startsWith('/decisions') ||
    path.startsWith('/councillors') ||
    path.startsWith('/search') ||
    path.startsWith('/accountability') ||
    path.startsWith('/alerts') ||
    path.startsWith('/open-data') ||
    path === '/accessibility' ||
    path === '/privacy' ||
    path.startsWith('/sign-in') ||
    path.startsWith('/forgot-password') ||
    path.startsWith('/reset-password') ||
    path === '/setup'
    ? 'public'
    : 'manage';
}

/** Whether a path is the link's page or below it (`/plans/overdue` is under `/plans`, `/plansx` is not). */
const under = (path: string, href: string) => path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}.`);

/** The longest prefix wins: `/register/landscape` over `/register`, `/plans/risks` over `/plans`. */
function longest<T>(path: string, entries: T[], prefixes: (e: T) => string[]): T | undefined {
  let best: { e: T; n: number } | undefined;
  for (const e of entries) for (const p of prefixes(e)) if (under(path, p) && (!best || p.length > best.n)) best = { e, n: p.length };
  return best?.e;
}

export function navigationFor(path: string, user: Actor | null = null) {
  const area = areaOf(path);
  const may = (l: Link) => !l.needs || canSometimes(user, l.needs);
  const sections = (area === 'public' ? PUBLIC : [...MANAGE, ADMIN]).filter(may);
  const current = longest(path, sections, (s) => [s.href, ...(s.pages ?? []).map((p) => p.href), ...(s.also ?? [])]);
  const pages = (current?.pages ?? []).filter(may);
  const currentPage = longest(path, pages, (p) => [p.href]);
  return {
    area,
    serviceUrl: area === 'public' ? '/' : '/start',
    navigation: sections.map((s) => ({ href: s.href, text: s.text, active: s === current, current: s === current })),
    // GOV.UK's sub-navigation pattern: the current section's pages, the one shown marked as current.
    sectionNav:
      pages.length > 1 && current
        ? { label: `${current.text} section`, items: pages.map((p) => ({ href: p.href, text: p.text, current: p === currentPage, exact: p.href === path })) }
        : null,
  };
}
