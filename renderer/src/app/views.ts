/** The views in the navigation. Only views that work are listed; features add themselves here. */
export const views = ['queue', 'inbox', 'overview', 'templates', 'sync', 'settings'] as const;
export type View = (typeof views)[number];
