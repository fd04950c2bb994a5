/** amber under two hours left, red under thirty minutes or past the deadline. */
export type Urgency = 'ok' | 'amber' | 'red';

export function countdownLevel(deadline: string, now: number): Urgency {
  const left = new Date(deadline).getTime() - now;
  if (left < 30 * 60_000) return 'red';
  if (left < 2 * 3600_000) return 'amber';
  return 'ok';
}

/** "2 h 05 min", "14 min", "-1 h 10 min" (overdue); days for long waits. */
export function formatDuration(ms: number): { days: number; hours: number; minutes: number; negative: boolean } {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 60_000);
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60, negative };
}
