// What the plans pages share: labels for statuses, RAG and kinds, the message shown after a change,
// who may do what, select and checkbox items, and how a refused form is shown again.
import { can } from '../access/permissions.ts';
import { ConflictError, ValidationError } from '../web/errors.ts';
import { errorSummary } from '../web/forms.ts';
import { queryText, type PageRequest } from '../web/page.ts';
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
};
export const labels = { statusLabels: STATUS_LABELS, ragLabels: RAG_LABELS, ragTags: RAG_TAGS, kindLabels: KIND_LABELS, columns: PLAN_COLUMNS };
export const options = (list: { id: string; name?: string; label?: string }[], selected: unknown, blank?: string) => [
  ...(blank === undefined ? [] : [{ value: '', text: blank }]),
  ...list.map((o) => ({ value: o.id, text: o.name ?? o.label ?? '', selected: o.id === selected })),
];
export const checkboxes = (list: { id: string; label: string }[], selected: string[]) =>
  list.map((o) => ({ value: o.id, text: o.label, checked: selected.includes(o.id) }));

export function failure(err: unknown): { errors: Record<string, string>; errorList: { text: string; href?: string }[]; code: number } {
  if (err instanceof ConflictError) return { errors: {}, errorList: [{ text: `${err.message}. Reload the page and try again.` }], code: 409 };
  if (!(err instanceof ValidationError)) throw err;
  return { errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors), code: 400 };
}

export const flashOf = (req: Req) => FLASH[queryText(req, 'done')];
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
