/** A fixed cache key for tests that open a cache directly (a fresh buffer each time: callers zero theirs). */
export const testCacheKey = (): Buffer => Buffer.alloc(32, 0x5a);
