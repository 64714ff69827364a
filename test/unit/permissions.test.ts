import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { can, canSometimes, permissionTable, type Actor } from '../../src/access/permissions.ts';

const actor = (roles: Actor['roles'], scope: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  roles,
  scopePartnershipIds: [],
  scopeOrganisationIds: [],
  ...scope,
});
const lep = { partnershipId: 'lep', ancestorIds: [], memberOrganisationIds: ['city'] };
const cleantech = { partnershipId: 'cleantech', ancestorIds: ['lep'], memberOrganisationIds: [] };
const horizons = { partnershipId: 'horizons', ancestorIds: [], memberOrganisationIds: ['county'] };

describe('permissions', () => {
  it('lets the public see the register and nothing else', () => {
    assert.equal(can(null, 'public.view'), true);
    for (const action of ['manage.view', 'partnership.edit', 'audit.view', 'account.self'] as const) assert.equal(can(null, action), false, action);
  });
  it('lets a councillor read the back office but change nothing', () => {
    const c = actor(['councillor']);
    assert.equal(can(c, 'manage.view'), true);
    assert.equal(can(c, 'partnership.edit', lep), false);
    assert.equal(can(c, 'contribution.edit', lep), false);
  });
  it('scopes a partner editor to their partnerships, their sub-groups and their organisations', () => {
    const byPartnership = actor(['partner_editor'], { scopePartnershipIds: ['lep'] });
    assert.equal(can(byPartnership, 'partnership.edit', lep), true);
    assert.equal(can(byPartnership, 'partnership.edit', cleantech), true, 'a sub-group of the LEP');
    assert.equal(can(byPartnership, 'partnership.edit', horizons), false);
    assert.equal(can(byPartnership, 'partnership.edit', null), false, 'no record, no scoped permission');
    assert.equal(can(byPartnership, 'partnership.publish', lep), false);
    const byOrganisation = actor(['partner_editor'], { scopeOrganisationIds: ['county'] });
    assert.equal(can(byOrganisation, 'partnership.edit', horizons), true);
    assert.equal(can(byOrganisation, 'partnership.edit', lep), false);
  });
  it('combines roles: the broadest wins', () => {
    const both = actor(['partner_editor', 'finance_officer']);
    assert.equal(can(both, 'contribution.edit', horizons), true);
    assert.equal(can(both, 'partnership.edit', horizons), false);
  });
  it('knows when an action is possible at all, for showing links', () => {
    assert.equal(canSometimes(actor(['partner_editor']), 'partnership.edit'), true);
    assert.equal(canSometimes(actor(['councillor']), 'partnership.edit'), false);
  });
  it('is documented in the README exactly as the code has it', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(permissionTable()), 'README.md permission table is out of date: paste permissionTable() output');
  });
});
