import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { openCache } from './open-cache';
import { keepText, readKept } from './kept-text';
import { testCacheKey } from '../../test/support/test-cache-key';

describe('text kept as it is typed', () => {
  it('comes back after the cache is closed and opened again, the latest typing wins, and an empty value forgets it', () => {
    const file = join(tempDir('kept'), 'c.sqlite');
    const first = openCache(file, { key: testCacheKey() }).db;
    keepText(first, 'cosign-note:d1', 'Tarvitaanko antibioottia?');
    keepText(first, 'cosign-note:d1', 'Tarvitaanko antibioottia? Kuume jatkunut 4 pv.');
    keepText(first, 'correction-reason:d2', 'Väärä mittaustulos');
    first.close(); // as after a crash: nothing else was written
    const again = openCache(file, { key: testCacheKey() }).db;
    expect(readKept(again, 'cosign-note:d1')).toBe('Tarvitaanko antibioottia? Kuume jatkunut 4 pv.');
    keepText(again, 'correction-reason:d2', '');
    expect(readKept(again, 'correction-reason:d2')).toBeNull();
    expect(readKept(again, 'template-editor:current')).toBeNull();
  });
});
