// What the plans pages share: labels for statuses, RAG and kinds, the message shown after a change,
// who may do what, select and checkbox items, and how a refused form is shown again.
import { can } from '../access/permissions.ts';
import type { FieldErrors } from '../web/errors.ts';
import { errorSummary } from '../web/forms.ts';
import { flashFrom, type PageRequest } from '../web/page.ts';
import { PLAN_COLUMNS } from './plan-types.ts';

export type Req = PageRequest;

export const STATUS_LABELS: Record<string, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  completed: 'Completed',
  deferred: 'Deferred',
};
export const RAG_LABELS: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not assessed' };
export const RAG_TAGS: Record<string, string> = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red', grey: 'govuk-tag--grey' };
export const KIND_LABELS: Record<string, string> = { delivery_plan: 'Delivery plan', work_programme: 'Work programme' };
const FLASH: Record<string, string> = {
  created: 'Plan added',
  updated: 'Changes saved',
  priority: 'Priority saved',
  action: 'Action saved',
  progress: 'Progress update recorded',
  published: 'Published',
  withdrawn: 'Withdrawn',
  endorsed: 'Endorsement recorded',
  task: 'Task saved',
  scored: 'Score saved',
  resource: 'Resources recorded',
  imported: 'Actions imported',
  closed: 'Plan closed: its final position is frozen as at the date closed',
  reopened: 'Plan reopened',
};
export const labels = { statusLabels: STATUS_LABELS, ragLabels: RAG_LABELS, ragTags: RAG_TAGS, kindLabels: KIND_LABELS, columns: PLAN_COLUMNS };
export const options = (list: { id: string; name?: string; label?: string }[], selected: unknown, blank?: string) => [
  ...(blank === undefined ? [] : [{ value: '', text: blank }]),
  ...list.map((o) => ({ value: o.id, text: o.name ?? o.label ?? '', selected: o.id === selected })),
];
export const checkboxes = (list: { id: string; label: string }[], selected: string[]) =>
  list.map((o) => ({ value: o.id, text: o.label, checked: selected.includes(o.id) }));

/** A refused form (submitForm's `invalid`) shown again: errors beside their fields, or after a conflict, the message to reload. */
export const refused = (errors: FieldErrors, status: 400 | 409): { errors: FieldErrors; errorList: { text: string; href?: string }[] } =>
  status === 409 ? { errors: {}, errorList: [{ text: `${errors._}. Reload the page and try again.` }] } : { errors, errorList: errorSummary(errors) };

export const flashOf = flashFrom(FLASH);
/** The way back from a page inside a plan: the plans, then the plan. */
export const planBreadcrumbs = (plan: { id: string; title: string }) => [
  { text: 'Plans', href: '/plans' },
  { text: plan.title, href: `/plans/${plan.id}` },
];
export const rights = (req: Req) => ({
  canEdit: can(req.user, 'plan.edit'),
  canPublish: can(req.user, 'plan.publish'),
  canUpdate: can(req.user, 'action.edit'),
});
