// The permission model, in one place: which role may do what, and on which records.
// Every route declares the action it needs (route config `access`); app-wide hooks ask can().
// Pure functions, unit-tested as a table; the README's permission table is generated from ROLE_ACTIONS.

export const ROLES = [
  'administrator',
  'democratic_services',
  'partnership_officer',
  'performance_officer',
  'finance_officer',
  'councillor',
  'partner_editor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  democratic_services: 'Democratic services officer',
  partnership_officer: 'Partnership officer',
  performance_officer: 'Performance officer',
  finance_officer: 'Finance officer',
  councillor: 'Councillor or board member',
  partner_editor: 'Partner editor',
};

export const ACTIONS = {
  'public.view': 'See the public register, landscape and contacts',
  'manage.view': 'Use the back office and see drafts',
  'partnership.create': 'Add partnerships',
  'partnership.edit': 'Change a partnership, its timeline, members and documents',
  'partnership.publish': 'Publish or withdraw a partnership',
  'partnership.delete': 'Delete a partnership',
  'contribution.edit': "Record a partnership's financial contributions",
  'directory.edit': 'Add and change organisations and people',
  'meeting.edit': 'Run committees and boards: membership, meetings, agendas and the forward plan',
  'report.edit': 'Write and upload reports for agenda items',
  'meeting.publish': 'Publish agendas and reports, and build agenda packs',
  'calendar.manage': 'Load a newer list of bank holidays',
  'minutes.edit': 'Record attendance, declarations, minutes, resolutions and actions',
  'minutes.publish': 'Publish minutes, record their approval and amendments',
  'action.edit': 'Update the progress of actions from minutes and plans',
  'appointments.edit': 'Appoint councillors to outside bodies and manage the list of outside bodies',
  'performance.edit': 'Manage indicators, targets and values, import values and write exception reports',
  'performance.publish': 'Publish indicator values to the public scorecard',
  'plan.edit': 'Manage plans, work programmes, risk registers and the portfolio',
  'plan.publish': 'Publish plans and portfolio items to the public site',
  'healthcheck.edit': "Judge partnerships' health checks against the Principles of Partnership Working and record the Principle 1 test",
  'activity.approve': "Approve a partnership's quarterly summary of activity as its lead member",
  'finance.edit': 'Keep budgets, monthly figures, virements and variance commentary, import the ledger and publish finance reports',
  'audit.view': 'Read the audit trail',
  'users.manage': 'Invite users, set roles, read the outbox',
  'account.self': 'Manage their own account and API tokens',
} as const;
export type Action = keyof typeof ACTIONS;

/** Actions a partner editor may take only on the records in their scope. */
const SCOPED: Action[] = ['partnership.edit', 'contribution.edit'];

const STAFF: Action[] = ['public.view', 'manage.view', 'account.self'];
const REGISTER_EDITOR: Action[] = [...STAFF, 'partnership.create', 'partnership.edit', 'partnership.publish', 'contribution.edit', 'directory.edit'];

export const ROLE_ACTIONS: Record<Role, Action[]> = {
  administrator: Object.keys(ACTIONS) as Action[],
  democratic_services: [
    ...REGISTER_EDITOR,
    'meeting.edit',
    'report.edit',
    'meeting.publish',
    'minutes.edit',
    'minutes.publish',
    'action.edit',
    'appointments.edit',
    'plan.edit',
    'plan.publish',
  ],
  partnership_officer: [
    ...REGISTER_EDITOR,
    'partnership.delete',
    'report.edit',
    'action.edit',
    'performance.edit',
    'plan.edit',
    'plan.publish',
    'healthcheck.edit',
  ],
  performance_officer: [...STAFF, 'report.edit', 'action.edit', 'performance.edit', 'performance.publish', 'plan.edit'],
  finance_officer: [...STAFF, 'contribution.edit', 'report.edit', 'action.edit', 'finance.edit'],
  councillor: [...STAFF, 'activity.approve'],
  partner_editor: [...STAFF, 'partnership.edit', 'contribution.edit'],
};

export interface Actor {
  userId: string;
  roles: Role[];
  scopePartnershipIds: string[];
  scopeOrganisationIds: string[];
}

/** What a scoped action is about: the partnership, the boards above it, and its member organisations. */
export interface PartnershipScope {
  partnershipId: string;
  ancestorIds: string[];
  memberOrganisationIds: string[];
}

export function can(actor: Actor | null, action: Action, scope?: PartnershipScope | null): boolean {
  if (action === 'public.view') return true;
  if (!actor) return false;
  return actor.roles.some((role) => {
    if (!ROLE_ACTIONS[role]?.includes(action)) return false;
    if (role !== 'partner_editor' || !SCOPED.includes(action)) return true;
    // A partner editor acts on their partnerships (and sub-groups of them), and on partnerships
    // their organisations are members of; on nothing else, and on nothing when there is no record.
    if (!scope) return false;
    return (
      [scope.partnershipId, ...scope.ancestorIds].some((id) => actor.scopePartnershipIds.includes(id)) ||
      scope.memberOrganisationIds.some((id) => actor.scopeOrganisationIds.includes(id))
    );
  });
}

/** True when some record could allow the action (for showing links before a record is chosen). */
export function canSometimes(actor: Actor | null, action: Action): boolean {
  if (action === 'public.view') return true;
  return !!actor && actor.roles.some((role) => ROLE_ACTIONS[role]?.includes(action));
}

/** The README's permission table, in Markdown. */
export function permissionTable(): string {
  const head = `| action | public | ${ROLES.map((r) => ROLE_LABELS[r].toLowerCase()).join(' | ')} |`;
  const rule = `| --- | --- | ${ROLES.map(() => '---').join(' | ')} |`;
  const rows = (Object.keys(ACTIONS) as Action[]).map((action) => {
    const cells = ROLES.map((role) => (ROLE_ACTIONS[role].includes(action) ? (role === 'partner_editor' && SCOPED.includes(action) ? 'own' : 'yes') : ''));
    return `| ${ACTIONS[action]} | ${action === 'public.view' ? 'yes' : ''} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** Staff see drafts and working records; the public (and partners without manage.view) see only what is published. */
export const isStaff = (request: { user?: Actor | null }): boolean => can(request.user ?? null, 'manage.view');
