// The two areas of the site: the public register, and the back office where officers edit.

import { canSometimes, type Actor } from '../access/permissions.ts';

export type Area = 'public' | 'manage';

const NAV: Record<Area, { href: string; text: string }[]> = {
  public: [
    { href: '/register', text: 'Partnerships' },
    { href: '/register/landscape', text: 'Landscape' },
    { href: '/register/contacts', text: 'Contacts' },
    { href: '/committees', text: 'Committees' },
    { href: '/calendar', text: 'Meetings' },
    { href: '/decisions', text: 'Decisions' },
    { href: '/representatives', text: 'Representatives' },
    { href: '/scorecard', text: 'Performance' },
    { href: '/delivery-plans', text: 'Plans' },
    // Staff land on their own work; the public are asked to sign in first.
    { href: '/start', text: 'Manage' },
  ],
  manage: [
    { href: '/start', text: 'Your work' },
    { href: '/partnerships', text: 'Partnerships' },
    { href: '/landscape', text: 'Landscape' },
    { href: '/contacts', text: 'Contacts' },
    { href: '/organisations', text: 'Organisations' },
    { href: '/people', text: 'People' },
    { href: '/bodies', text: 'Committees' },
    { href: '/meetings', text: 'Meetings' },
    { href: '/outside-bodies', text: 'Outside bodies' },
    { href: '/performance', text: 'Performance' },
    { href: '/plans', text: 'Plans' },
    { href: '/finance', text: 'Finance' },
    { href: '/health-checks', text: 'Health checks' },
    { href: '/register', text: 'Public site' },
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
    path === '/accessibility' ||
    path === '/privacy' ||
    path.startsWith('/sign-in') ||
    path.startsWith('/forgot-password') ||
    path.startsWith('/reset-password') ||
    path === '/setup'
    ? 'public'
    : 'manage';
}

export function navigationFor(path: string, user: Actor | null = null) {
  const area = areaOf(path);
  // One entry for administration: users, the outbox and the audit trail link from there.
  const admin: { href: string; text: string }[] = area === 'manage' && canSometimes(user, 'users.manage') ? [{ href: '/admin', text: 'Admin' }] : [];
  const items = [...NAV[area], ...admin];
  // The longest matching prefix is the current section.
  const current = items
    .filter((i) => path === i.href || path.startsWith(`${i.href}/`) || (i.href === '/admin' && path.startsWith('/admin')))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return {
    area,
    serviceUrl: area === 'public' ? '/' : '/start',
    navigation: items.map((i) => ({ ...i, active: i === current, current: i === current })),
  };
}
