// The minute and decisions of each agenda item of a held meeting, for the public meeting page: an item
// outcome source for the meetings capability, handed over by the composition root.
import type { ItemOutcome, ItemOutcomeSource } from '../meetings/index.ts';
import { letter } from '../documents/text.ts';
import { publicItemOutcomes } from './outcomes.repository.ts';
import { decisionLine } from './public.routes.ts';

export const minutesItemOutcomes: ItemOutcomeSource = {
  async publicOutcomes(db, tenantId, meetingId) {
    const outcomes = new Map<string, ItemOutcome>();
    for (const row of await publicItemOutcomes(db, tenantId, meetingId)) {
      const minuteHref = `/calendar/${meetingId}/minutes#minute-${row.minuteNumber}`;
      let outcome = outcomes.get(row.agendaItemId);
      if (!outcome) {
        outcome = { minuteNumber: row.minuteNumber, minuteTitle: row.minuteTitle, href: minuteHref, draft: row.minutesState !== 'approved', decisions: [] };
        outcomes.set(row.agendaItemId, outcome);
      }
      if (row.resolutionId === null || row.text === null || row.outcome === null) continue;
      // Lettered as the minutes letter them: a, b, c … among the minute's resolutions.
      const l = letter(outcome.decisions.length);
      outcome.decisions.push({
        letter: l,
        text: row.text,
        decision: decisionLine({ outcome: row.outcome, votesFor: row.votesFor, votesAgainst: row.votesAgainst, abstentions: row.abstentions }),
        keyDecisionRef: row.keyDecisionRef,
        href: `${minuteHref}-${l}`,
      });
    }
    return outcomes;
  },
};
