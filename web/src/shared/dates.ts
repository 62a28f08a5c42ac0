/** Today's calendar date in the agency's time zone (Europe/Paris), as "YYYY-MM-DD". */
export function todayInParis(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export const isBusinessDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
