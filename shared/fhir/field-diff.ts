/** Leaf paths of a JSON value, e.g. name.0.family → "Virtanen". */
export function flattenJson(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
    } else out.set(path, String(v));
  };
  walk(value, prefix);
  return out;
}

export interface FieldDifference {
  path: string;
  mine: string | null;
  theirs: string | null;
}

/** Fields that differ between two versions of a resource, ignoring server bookkeeping (meta). */
export function fieldDifferences(mine: unknown, theirs: unknown): FieldDifference[] {
  const a = flattenJson(mine);
  const b = flattenJson(theirs);
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => !p.startsWith('meta.')).sort();
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((path) => ({ path, mine: a.get(path) ?? null, theirs: b.get(path) ?? null }));
}
