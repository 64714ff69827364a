// Today in England, as an ISO date: deadlines are days in the council's calendar, not UTC's.
export function todayInEngland(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
