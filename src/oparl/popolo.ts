// The public people, organisations, posts and memberships as Popolo JSON (https://www.popoloproject.com/specs/):
// the same public view as OParl's Person, Organization and Membership lists, so nothing the public pages
// do not show (no contact details). Posts are the named roles on a committee (chair, vice-chair…); a
// plain member holds no post. Pure: shapes rows already read.
import { labelFor } from '../web/labels.ts';
import type { MembershipRow, OrganizationRow, PersonRow } from './oparl.repository.ts';

const ROLES_WITH_POSTS = new Set(['chair', 'vice_chair']);

export interface PopoloExport {
  persons: Record<string, unknown>[];
  organizations: Record<string, unknown>[];
  posts: Record<string, unknown>[];
  memberships: Record<string, unknown>[];
}

const postId = (bodyId: string, role: string) => `${bodyId}-${role}`;
const present = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

export function popolo(
  rows: { persons: PersonRow[]; organizations: OrganizationRow[]; memberships: MembershipRow[] },
  web: (path: string) => string,
): PopoloExport {
  const persons = rows.persons.filter((p) => !p.deleted);
  const organizations = rows.organizations.filter((o) => !o.deleted);
  const known = new Set(organizations.map((o) => o.id));
  const people = new Set(persons.map((p) => p.id));
  const memberships = rows.memberships.filter((m) => !m.deleted && known.has(m.bodyId) && people.has(m.personId));
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const posts = new Map<string, Record<string, unknown>>();
  for (const m of memberships) {
    if (!ROLES_WITH_POSTS.has(m.role)) continue;
    const id = postId(m.bodyId, m.role);
    const role = labelFor('bodyRole', m.role);
    posts.set(id, { id, label: `${role}, ${names.get(m.bodyId)}`, role, organization_id: m.bodyId });
  }
  return {
    persons: persons.map((p) =>
      present({
        id: p.id,
        name: p.name,
        honorific_prefix: p.formOfAddress,
        links: p.kind === 'councillor' ? [{ url: web(`/councillors/${p.id}`), note: 'Public page' }] : undefined,
      }),
    ),
    organizations: organizations.map((o) =>
      present({
        id: o.id,
        name: o.name,
        other_names: o.shortName ? [{ name: o.shortName, note: 'Short name' }] : undefined,
        classification: labelFor(o.source === 'body' ? 'bodyKind' : 'partnershipKind', o.classification),
        parent_id: o.parentId && known.has(o.parentId) ? o.parentId : undefined,
        links: [{ url: web(o.source === 'body' ? `/committees/${o.id}` : `/register/${o.id}`), note: 'Public page' }],
      }),
    ),
    posts: [...posts.values()],
    memberships: memberships.map((m) =>
      present({
        id: m.id,
        person_id: m.personId,
        organization_id: m.bodyId,
        post_id: ROLES_WITH_POSTS.has(m.role) ? postId(m.bodyId, m.role) : undefined,
        role: labelFor('bodyRole', m.role),
        start_date: m.startDate,
        end_date: m.endDate,
      }),
    ),
  };
}
