/** The views in the navigation. Only views that work are listed; features add themselves here. */
export const views = ['queue', 'inbox', 'overview', 'templates', 'sync', 'settings'] as const;
export type View = (typeof views)[number];

/**
 * The views made for this user: an administrator, who may not see patient data, gets no
 * clinical queue or requests (an empty queue would only mislead); everyone lands on the first.
 */
export function viewsFor(roles: readonly string[]): readonly View[] {
  const clinical = roles.some((r) => r !== 'admin');
  return clinical ? views : views.filter((v) => v !== 'queue' && v !== 'inbox');
}
