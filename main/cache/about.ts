/**
 * Whom a cached resource is about (shared/fhir/about.ts, the one rule), kept in the `about`
 * column (migration 009) and written with the row from the object already in hand: an
 * expression index parsing every body in SQLite cost 0.4 s of a 100,000-resource cold sync.
 */
export { aboutOf } from '../../shared/fhir/about';
