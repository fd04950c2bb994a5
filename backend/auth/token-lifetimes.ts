export const accessTokenSeconds = 15 * 60;
export const refreshTokenSeconds = 12 * 60 * 60;
/** However often it is refreshed, a session ends this long after sign-in (policy): the user signs in again. */
export const sessionLifetimeSeconds = 12 * 60 * 60;
