/**
 * Whom a cached resource is about: its subject, the patient of a Consent, or the `for` of a Task.
 * Kept in the `about` column (migration 009) and written by whoever writes the row, from the
 * object already in hand: an expression index parsing every body in SQLite cost 0.4 s of a
 * 100,000-resource cold sync.
 */
export function aboutOf(resource: unknown): string | null {
  const r = resource as { subject?: { reference?: unknown }; patient?: { reference?: unknown }; for?: { reference?: unknown } } | null;
  const ref = r?.subject?.reference ?? r?.patient?.reference ?? r?.for?.reference;
  return typeof ref === 'string' ? ref : null;
}
