// The front door of minutes: attendance, minutes, decisions, the action log and councillors' records.
import type { Capability } from '../capability.ts';
import { minutesOperations } from './minutes.api.ts';
import { registerMinutesPages } from './minutes.routes.ts';
import { sendActionReminders } from './actions.service.ts';
import { registerPublicMinutesPages } from './public.routes.ts';

export const minutes: Capability = {
  name: 'minutes',
  routes: async (app, { db, config }) => {
    await registerMinutesPages(app, db, config.COUNCIL_NAME);
    await registerPublicMinutesPages(app, db, { councilName: config.COUNCIL_NAME });
  },
  operations: minutesOperations,
  hourly: (db, tenantId, publicUrl) => sendActionReminders(db, tenantId, undefined, publicUrl),
};

export { minutesItemOutcomes } from './item-outcomes.ts';
export { minutesPaperSource } from './pack-paper.ts';
export { sendActionReminders };
export { listActions } from './actions.repository.ts';
export { membershipsOfPerson } from './councillors.repository.ts';
export { actionState } from './rules.ts';
export { searchDecisions } from './minutes.repository.ts';
export { listPublicCouncillors } from './councillors.repository.ts';
export { decisionsOfMeetings } from './activity-facts.repository.ts';
