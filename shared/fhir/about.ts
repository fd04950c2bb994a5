/**
 * Whom a resource is about, the one rule for every side: its subject, the patient of a Consent
 * (or anything with `patient`), or the `for` of a Task, in that order; a Patient is about itself.
 * Only references to a Patient count: a resource about a Group or a device is about no resident.
 */
export function residentOf(resource: unknown): string | null {
  const r = resource as {
    resourceType?: unknown;
    id?: unknown;
    subject?: { reference?: unknown };
    patient?: { reference?: unknown };
    for?: { reference?: unknown };
  } | null;
  if (!r) return null;
  const ref = r.subject?.reference ?? r.patient?.reference ?? r.for?.reference;
  if (typeof ref === 'string') return ref.startsWith('Patient/') ? ref.slice(8) : null;
  return r.resourceType === 'Patient' && typeof r.id === 'string' ? r.id : null;
}

/**
 * The same as a reference (`Patient/<id>`), as the workstation's cache indexes it. Runs for
 * every resource of a cold sync: the reference is returned as it is, not rebuilt.
 */
export function aboutOf(resource: unknown): string | null {
  const r = resource as {
    resourceType?: unknown;
    id?: unknown;
    subject?: { reference?: unknown };
    patient?: { reference?: unknown };
    for?: { reference?: unknown };
  } | null;
  const ref = r?.subject?.reference ?? r?.patient?.reference ?? r?.for?.reference;
  if (typeof ref === 'string') return ref.startsWith('Patient/') ? ref : null;
  return r?.resourceType === 'Patient' && typeof r.id === 'string' ? `Patient/${r.id}` : null;
}
