// The back office's grouped navigation: at most 9 sections (one row of GOV.UK service navigation at 1280 px),
// every back-office path highlighting its section by the longest prefix, and each section of several pages
// giving its section navigation with the page shown (or the page above it) marked current.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor, Role } from '../../src/access/permissions.ts';
import { navigationFor } from '../../src/web/navigation.ts';

const actor = (...roles: Role[]): Actor => ({ userId: 'u1', roles, scopePartnershipIds: [], scopeOrganisationIds: [] });
const admin = actor('administrator');
const officer = actor('democratic_services');

const sectionOf = (path: string, user: Actor | null = admin) => navigationFor(path, user).navigation.find((n) => n.current)?.text;
const subOf = (path: string, user: Actor | null = admin) => navigationFor(path, user).sectionNav?.items.find((i) => i.current);

// Every back-office section, with paths in it and the section navigation entry each shows as current.
const SECTIONS: [string, [string, string | undefined][]][] = [
  [
    'Your work',
    [
      ['/start', undefined],
      ['/account', undefined],
    ],
  ],
  [
    'Partnerships',
    [
      ['/partnerships', 'Partnerships'],
      ['/partnerships/new', 'Partnerships'],
      ['/partnerships/0b9a6a4e-0000-4000-8000-000000000001/edit', 'Partnerships'],
      ['/landscape', 'Landscape'],
      ['/contacts', 'Contacts'],
      ['/organisations', 'Organisations'],
      ['/organisations/new', 'Organisations'],
      ['/people/abc', 'People'],
      ['/outside-bodies', 'Outside bodies'],
      ['/outside-bodies/abc/appointments', 'Outside bodies'],
    ],
  ],
  [
    'Meetings',
    [
      ['/meetings', 'Meetings'],
      ['/meetings/abc/minutes', 'Meetings'],
      ['/bodies', 'Committees'],
      ['/bodies/new', 'Committees'],
    ],
  ],
  [
    'Performance',
    [
      ['/performance', 'Scorecards'],
      ['/performance/indicators', 'Indicators'],
      ['/performance/indicators/abc', 'Indicators'],
      ['/performance/due', 'Values due'],
      ['/performance/import', 'Scorecards'],
      ['/performance/values.csv', 'Scorecards'],
    ],
  ],
  [
    'Plans',
    [
      ['/plans', 'Plans'],
      ['/plans/abc', 'Plans'],
      ['/plans/overdue', 'Overdue actions'],
      ['/plans/risks', 'Risks'],
      ['/plans/portfolio', 'Portfolio'],
    ],
  ],
  [
    'Finance',
    [
      ['/finance', 'Budget monitoring'],
      ['/finance/import', 'Budget monitoring'],
      ['/finance/reports', 'Finance reports'],
      ['/finance/appendices', 'Appendices'],
      ['/finance/virements', 'Virements'],
      ['/finance/key-activity', 'Key activity'],
    ],
  ],
  [
    'Reports',
    [
      ['/reports', 'All reports'],
      ['/health-checks', 'Health checks'],
      ['/health-checks/settings', 'Health checks'],
      ['/principles', 'Principles'],
      ['/principles/versions/abc', 'Principles'],
      ['/quarterly-updates', 'Quarterly updates'],
      ['/quarterly-updates/report.pdf', 'Quarterly updates'],
      ['/annual-reviews', 'Annual reviews'],
      ['/annual-reviews/new', 'Annual reviews'],
      ['/assessments', 'Self-assessments'],
      ['/assessments/abc', 'Self-assessments'],
    ],
  ],
  [
    'Admin',
    [
      ['/admin', undefined],
      ['/admin/users', 'Users'],
      ['/admin/users/invite', 'Users'],
      ['/admin/outbox', 'Outbox'],
      ['/admin/audit', 'Audit trail'],
      ['/admin/audit.csv', 'Audit trail'],
      ['/admin/bank-holidays', 'Bank holidays'],
      ['/admin/implications', 'Implications sections'],
    ],
  ],
];

describe('back-office navigation', () => {
  it('has at most 9 top-level entries, Admin only for those who manage users', () => {
    const forAdmin = navigationFor('/start', admin).navigation.map((n) => n.text);
    assert.deepEqual(forAdmin, ['Your work', 'Partnerships', 'Meetings', 'Performance', 'Plans', 'Finance', 'Reports', 'Public site', 'Admin']);
    assert.ok(forAdmin.length <= 9);
    assert.ok(!navigationFor('/start', officer).navigation.some((n) => n.text === 'Admin'));
    assert.ok(!navigationFor('/start', null).navigation.some((n) => n.text === 'Admin'));
  });

  for (const [section, paths] of SECTIONS)
    it(`highlights ${section} and its page for each of its paths`, () => {
      for (const [path, sub] of paths) {
        assert.equal(sectionOf(path), section, path);
        assert.equal(navigationFor(path, admin).navigation.filter((n) => n.current).length, 1, `${path}: one current section`);
        assert.equal(subOf(path)?.text, sub, `${path}: section navigation`);
      }
    });

  it('gives a section navigation to every section with more than one page, labelled by the section', () => {
    for (const [section, paths] of SECTIONS) {
      const nav = navigationFor(paths[0]![0], admin).sectionNav;
      if (section === 'Your work') assert.equal(nav, null);
      else assert.equal(nav?.label, `${section} section`);
    }
    assert.deepEqual(
      navigationFor('/contacts', admin).sectionNav?.items.map((i) => i.href),
      ['/partnerships', '/landscape', '/contacts', '/organisations', '/people', '/outside-bodies'],
    );
  });

  it('marks the page shown as the page, and a page below one as within it', () => {
    assert.deepEqual(subOf('/plans/risks'), { href: '/plans/risks', text: 'Risks', current: true, exact: true });
    assert.equal(subOf('/plans/risks/abc')?.exact, false);
  });

  it('does not take a longer name for a prefix', () => {
    assert.equal(sectionOf('/plansx'), undefined);
    assert.equal(sectionOf('/reports-archive'), undefined);
  });

  it("shows Admin's pages only as far as the person may use them", () => {
    const items = navigationFor('/admin', admin).sectionNav?.items.map((i) => i.text);
    assert.deepEqual(items, ['Users', 'Outbox', 'Audit trail', 'Bank holidays', 'Implications sections']);
  });

  it('groups the public site into at most 7 entries, each section of several pages with its section navigation', () => {
    const pub = navigationFor('/', null);
    assert.equal(pub.area, 'public');
    assert.deepEqual(
      pub.navigation.map((n) => n.text),
      ['Partnerships', 'Meetings', 'Performance', 'Plans', 'Search', 'Manage'],
    );
    assert.ok(pub.navigation.length <= 7);
    assert.equal(pub.sectionNav, null, 'the home page is in no section');
    const cases: [string, string, string | undefined][] = [
      ['/register', 'Partnerships', 'Partnerships'],
      ['/register/abc', 'Partnerships', 'Partnerships'],
      ['/register/landscape', 'Partnerships', 'Landscape'],
      ['/register/contacts', 'Partnerships', 'Contacts'],
      ['/accountability', 'Partnerships', 'Accountability reports'],
      ['/accountability/abc', 'Partnerships', 'Accountability reports'],
      ['/calendar', 'Meetings', 'Meetings'],
      ['/calendar/abc/minutes', 'Meetings', 'Meetings'],
      ['/committees/abc', 'Meetings', 'Committees'],
      ['/decisions', 'Meetings', 'Decisions'],
      ['/councillors/abc', 'Meetings', 'Councillors'],
      ['/representatives', 'Meetings', 'Representatives'],
      ['/scorecard/indicators/abc', 'Performance', undefined],
      ['/delivery-plans/abc', 'Plans', undefined],
      ['/search', 'Search', undefined],
    ];
    for (const [path, section, page] of cases) {
      const nav = navigationFor(path, null);
      assert.equal(nav.area, 'public', path);
      assert.equal(sectionOf(path, null), section, path);
      assert.equal(subOf(path, null)?.text, page, `${path}: section navigation`);
      if (page) assert.equal(nav.sectionNav?.label, `${section} section`, path);
    }
    assert.deepEqual(
      navigationFor('/decisions', null).sectionNav?.items.map((i) => i.href),
      ['/calendar', '/committees', '/decisions', '/councillors', '/representatives'],
    );
  });

  it('keeps the alert, open data and accountability pages in the public site', () => {
    for (const path of ['/alerts/new', '/alerts/manage', '/open-data', '/accountability', '/accessibility', '/privacy']) {
      assert.equal(navigationFor(path, null).area, 'public', path);
    }
  });
});
