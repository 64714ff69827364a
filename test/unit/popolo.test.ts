// The Popolo export's shaping: a chair and a vice-chair hold posts, a plain member does not; a deleted person,
// organisation or membership is left out, as is a membership of someone or something not in the export; a
// parent organisation is named only when it is itself in the export; and a person carries no contact details.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MembershipRow, OrganizationRow, PersonRow } from '../../src/oparl/oparl.repository.ts';
import { popolo } from '../../src/oparl/popolo.ts';

const when = { created: new Date('2026-01-01T00:00:00Z'), modified: new Date('2026-01-02T00:00:00Z'), deleted: false };
const person = (id: string, name: string, extra: Partial<PersonRow> = {}): PersonRow => ({
  ...when,
  id,
  name,
  formOfAddress: null,
  kind: 'councillor',
  memberships: [],
  ...extra,
});
const organization = (id: string, name: string, extra: Partial<OrganizationRow> = {}): OrganizationRow => ({
  ...when,
  id,
  name,
  shortName: null,
  source: 'body',
  classification: 'board',
  parentId: null,
  memberships: [],
  ...extra,
});
const membership = (id: string, personId: string, bodyId: string, role: string, extra: Partial<MembershipRow> = {}): MembershipRow => ({
  ...when,
  id,
  personId,
  bodyId,
  role,
  startDate: '2009-05-01',
  endDate: null,
  ...extra,
});

describe('Popolo export', () => {
  const web = (path: string) => `https://example.org${path}`;
  const out = popolo(
    {
      persons: [
        person('p1', 'Cllr Ray Manning', { formOfAddress: 'Cllr' }),
        person('p2', 'Jane Officer', { kind: 'officer' }),
        person('p3', 'Gone', { deleted: true }),
      ],
      organizations: [
        organization('lsp', 'South Cambridgeshire LSP', { source: 'partnership', classification: 'lsp', shortName: 'SCLSP' }),
        organization('board', 'LSP Board', { parentId: 'lsp' }),
        organization('sub', 'Sub-group', { parentId: 'draft-parent' }),
        organization('old', 'Old board', { deleted: true }),
      ],
      memberships: [
        membership('m1', 'p1', 'board', 'chair'),
        membership('m2', 'p2', 'board', 'member'),
        membership('m3', 'p1', 'old', 'member'),
        membership('m4', 'p3', 'board', 'vice_chair'),
        membership('m5', 'p2', 'sub', 'vice_chair', { deleted: true }),
      ],
    },
    web,
  );

  it('gives a chair a post on the committee and a plain member none', () => {
    assert.deepEqual(out.posts, [{ id: 'board-chair', label: 'Chair, LSP Board', role: 'Chair', organization_id: 'board' }]);
    assert.deepEqual(out.memberships, [
      { id: 'm1', person_id: 'p1', organization_id: 'board', post_id: 'board-chair', role: 'Chair', start_date: '2009-05-01' },
      { id: 'm2', person_id: 'p2', organization_id: 'board', role: 'Member', start_date: '2009-05-01' },
    ]);
  });

  it('leaves out what is deleted and names a parent only when it is in the export', () => {
    assert.deepEqual(
      out.persons.map((p) => p.id),
      ['p1', 'p2'],
    );
    assert.deepEqual(
      out.organizations.map((o) => [o.id, o.parent_id]),
      [
        ['lsp', undefined],
        ['board', 'lsp'],
        ['sub', undefined],
      ],
    );
    assert.deepEqual(out.organizations[0]!.other_names, [{ name: 'SCLSP', note: 'Short name' }]);
    assert.deepEqual(out.organizations[0]!.links, [{ url: 'https://example.org/register/lsp', note: 'Public page' }]);
  });

  it('shows a councillor’s public page and no contact details', () => {
    assert.deepEqual(out.persons[0], {
      id: 'p1',
      name: 'Cllr Ray Manning',
      honorific_prefix: 'Cllr',
      links: [{ url: 'https://example.org/councillors/p1', note: 'Public page' }],
    });
    assert.deepEqual(out.persons[1], { id: 'p2', name: 'Jane Officer' });
  });
});
