// The rules of minutes, as pure functions: numbering that continues across a body's meetings and
// never reuses a number, votes that cannot exceed the members present, how a decision reads, the
// quorum check, and when an action is overdue and who is reminded.

/**
 * Numbers for the minutes of a meeting, in agenda order, continuing from the body's last number.
 * An item withdrawn before the minutes are started gets no minute.
 */
export function allocateMinuteNumbers(lastNumber: number, items: { id: string; withdrawn: boolean }[]) {
  if (!Number.isInteger(lastNumber) || lastNumber < 0) throw new RangeError('The last minute number must be a whole number, 0 or more');
  let next = lastNumber;
  const numbered = items.filter((i) => !i.withdrawn).map((i) => ({ itemId: i.id, number: ++next }));
  return { numbered, lastNumber: next };
}

export type Outcome = 'unanimous' | 'majority' | 'noted' | 'lost';

export interface Vote {
  outcome: Outcome;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
}

/** Who may vote: members present and substitutes, not officers or others in attendance. */
export const VOTING_CATEGORIES = ['present', 'substitute'] as const;

/** Problems with a recorded vote, keyed by field; empty when it is consistent with the members present. */
export function voteProblems(vote: Vote, votingMembersPresent: number): Record<string, string> {
  const problems: Record<string, string> = {};
  const counts = [vote.votesFor, vote.votesAgainst, vote.abstentions];
  const total = counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  if (vote.outcome === 'majority' || vote.outcome === 'lost') {
    if (vote.votesFor === null) problems.votesFor = 'Enter the number of votes in favour';
    else if (vote.outcome === 'majority' && vote.votesFor <= (vote.votesAgainst ?? 0)) {
      problems.votesFor = 'A resolution carried by a majority needs more votes in favour than against';
    } else if (vote.outcome === 'lost' && vote.votesFor > (vote.votesAgainst ?? 0)) {
      problems.votesAgainst = 'A motion that was lost needs at least as many votes against as in favour';
    }
  } else if (counts.some((n) => n !== null && n !== 0) && vote.outcome !== 'unanimous') {
    problems.votesFor = 'A resolution that was noted has no vote: leave the numbers empty';
  }
  if (vote.outcome === 'unanimous' && (vote.votesAgainst ?? 0) > 0) problems.votesAgainst = 'A unanimous resolution has no votes against';
  if (total > votingMembersPresent) {
    problems.votesFor ??= `The votes recorded (${total}) are more than the ${votingMembersPresent} voting member${votingMembersPresent === 1 ? '' : 's'} present`;
  }
  return problems;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How a decision reads in the minutes: 'unanimously', 'by a majority (7 votes in favour, 0 against, 1 abstention)'. */
export function decisionText(vote: Vote): string {
  if (vote.outcome === 'unanimous') return 'unanimously';
  if (vote.outcome === 'noted') return 'noted';
  const counts = `${plural(vote.votesFor ?? 0, 'vote', 'votes')} in favour, ${vote.votesAgainst ?? 0} against, ${plural(vote.abstentions ?? 0, 'abstention', 'abstentions')}`;
  return vote.outcome === 'majority' ? `by a majority (${counts})` : `lost (${counts})`;
}

/** The sentence before a minute's lettered resolutions. */
export function resolvedPreamble(votes: Vote[]): string {
  if (votes.length === 0) return '';
  if (votes.every((v) => v.outcome === 'noted')) return 'It was resolved to note:';
  if (votes.every((v) => v.outcome === 'unanimous')) return 'It was resolved unanimously to:';
  const first = votes[0]!;
  if (
    votes.every(
      (v) => v.outcome === 'majority' && v.votesFor === first.votesFor && v.votesAgainst === first.votesAgainst && v.abstentions === first.abstentions,
    )
  ) {
    return `It was resolved ${decisionText(first)} to:`;
  }
  return 'It was resolved to:';
}

/** The quorum check: a clear warning when fewer voting members are present than the quorum. */
export function quorumWarning(quorum: number | null, votingMembersPresent: number): string | null {
  if (!quorum || votingMembersPresent >= quorum) return null;
  return `The meeting is not quorate: ${plural(votingMembersPresent, 'voting member is', 'voting members are')} recorded as present and the quorum is ${quorum}`;
}

export type ActionState = 'ongoing' | 'completed' | 'overdue';

/** An action is overdue when it is not completed and its due date has passed. */
export function actionState(a: { status: 'ongoing' | 'completed'; dueDate: string | null }, today: string): ActionState {
  if (a.status === 'completed') return 'completed';
  return a.dueDate !== null && a.dueDate < today ? 'overdue' : 'ongoing';
}

/** "Present: Councillors: A Smith (substituting for Cllr Tierney), A Costello and S Criswell (Chairman)". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the published minutes say for a minute confirmed to have had no discussion. */
export const NO_DISCUSSION_RECORDED = 'No discussion recorded.';

export interface MinuteForPublishing {
  id: string;
  number: number;
  title: string;
  discussion: string;
  withdrawn: boolean;
  noDiscussion: boolean;
}

/**
 * The minutes not yet written: no discussion, no resolution, not withdrawn, and not confirmed as having had
 * no discussion (neither before nor in `confirmedNoDiscussion`, the ids confirmed now). Draft minutes with
 * any of these are not published.
 */
export function unwrittenMinutes<M extends MinuteForPublishing>(
  minutes: M[],
  minuteIdsWithResolutions: ReadonlySet<string>,
  confirmedNoDiscussion: ReadonlySet<string> = new Set(),
): M[] {
  return minutes.filter(
    (m) => !m.withdrawn && m.discussion.trim() === '' && !minuteIdsWithResolutions.has(m.id) && !m.noDiscussion && !confirmedNoDiscussion.has(m.id),
  );
}

/** The text a minute's discussion reads as in the minutes: "No discussion recorded." when confirmed so and left blank. */
export function discussionText(m: { discussion: string; noDiscussion: boolean }): string {
  return m.discussion.trim() === '' && m.noDiscussion ? NO_DISCUSSION_RECORDED : m.discussion;
}
