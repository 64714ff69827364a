// The lists a self-assessment's forms choose from (questions, linked records, people, versions, meetings and their
// agenda items), shared by the assessment's page and the pages that change one of its entries.
import { formatDate } from '../calendar/format.ts';
import { ASSESSMENT_STATES, STEP_STATUSES } from './assessment-rules.ts';
import { type AssessmentView, LINK_KINDS } from './assessment-service.ts';

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
const options = (record: Record<string, string>) => Object.entries(record).map(([value, text]) => ({ value, text }));

export const stepStatuses = options(STEP_STATUSES);
export const assessmentStates = options(ASSESSMENT_STATES);

/** Fields whose first input has an id other than the field's name (date inputs, and fields named alike on two forms). */
export const firstInputs = (form: string | undefined): Record<string, string> => ({
  draftedOn: 'draftedOn-day',
  saidOn: 'saidOn-day',
  stepDate: 'stepDate-day',
  submittedOn: 'submittedOn-day',
  status: 'stepStatus',
  state: 'assessmentState',
  ...(form === 'comment' ? { board: 'commentBoard' } : {}),
});

/** The options of each select, from the assessment as read. `exceptQuestion` leaves a question out of the parents it may move under. */
export function choicesFor(view: AssessmentView, opts: { exceptQuestion?: string; keepLink?: { value: string; text: string } | null } = {}) {
  const label = (q: AssessmentView['questions'][number]) => `${q.label}. ${clip(q.text)}`;
  return {
    questions: [{ value: '', text: 'Select the question' }, ...view.questions.map((q) => ({ value: q.id, text: label(q) }))],
    topQuestions: [
      { value: '', text: 'None: a question of its own' },
      ...view.questions.filter((q) => !q.parentId && q.id !== opts.exceptQuestion).map((q) => ({ value: q.id, text: label(q) })),
    ],
    links: [
      { value: '', text: 'No linked record' },
      ...(opts.keepLink ? [opts.keepLink] : []),
      ...view.choices.targets.map((t) => ({ value: `${t.kind}:${t.id}`, text: `${LINK_KINDS[t.kind]}: ${t.label}` })),
    ],
    people: [
      { value: '', text: 'Select a person' },
      ...view.choices.people.map((p) => ({ value: p.id, text: p.organisationName ? `${p.name}, ${p.organisationName}` : p.name })),
    ],
    drafts: view.drafts.map((d) => ({ value: d.id, text: `Version ${d.number}, ${formatDate(d.draftedOn)}` })),
    items: [{ value: '', text: 'Not at a meeting' }, ...view.choices.items],
    meetings: [{ value: '', text: 'Not at a meeting' }, ...view.choices.meetings],
  };
}
