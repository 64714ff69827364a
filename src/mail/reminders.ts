// When a reminder about a dated task is due: one a week before the date and one after it. Pure.

export const REMIND_DAYS_BEFORE = 7;

/** Which reminder an action is due on a day, if any: one before the due date and one after it, each sent once. */
export function reminderDue(a: { status: 'ongoing' | 'completed'; dueDate: string | null }, today: string): 'due_soon' | 'overdue' | null {
  if (a.status === 'completed' || !a.dueDate) return null;
  if (a.dueDate < today) return 'overdue';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + REMIND_DAYS_BEFORE);
  return a.dueDate <= soon.toISOString().slice(0, 10) ? 'due_soon' : null;
}
