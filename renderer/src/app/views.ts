/** The views in the navigation. Only views that work are listed; features add themselves here. */
// Recent contacts came last so the Alt+digit of every earlier view stays what people learned.
export const views = ['queue', 'inbox', 'overview', 'templates', 'sync', 'devices', 'settings', 'recent'] as const;
export type View = (typeof views)[number];

/**
 * The views made for this user: an administrator, who may not see patient data, gets no
 * clinical queue or requests (an empty queue would only mislead), and only she gets the device
 * list; everyone lands on the first.
 */
export function viewsFor(roles: readonly string[]): readonly View[] {
  const clinical = roles.some((r) => r !== 'admin');
  const admin = roles.includes('admin');
  return views.filter(
    (v) => (clinical || (v !== 'queue' && v !== 'inbox' && v !== 'recent')) && (admin || v !== 'devices'),
  );
}
