import { describe, expect, it } from 'vitest';
import { reasonCodes, searchReasonCodes } from './reason-codes';

const found = (q: string) => searchReasonCodes(q).map((c) => c.icpc2);

describe('reason code search', () => {
  it('finds the upper respiratory infection (ICD-10 J06) by Finnish, Swedish and English words and by either code', () => {
    for (const q of [
      'flunssa',
      'ylähengitystieinfektio',
      'förkylning',
      'luftvägsinfektion',
      'upper respiratory',
      'J06',
      'j06.9',
      'R74',
    ]) {
      expect(found(q), q).toContain('R74');
      expect(searchReasonCodes(q).find((c) => c.icpc2 === 'R74')?.icd10).toBe('J06.9');
    }
  });
  it('needs every word to match, and puts code matches first', () => {
    expect(found('virtsatie infektio')).toEqual(['U71']);
    expect(found('R7')[0]).toBe('R74');
    expect(found('')).toEqual([]);
    expect(found('zzzz')).toEqual([]);
  });
  it('ships at least 50 codes, each with all three titles and a unique ICPC-2 code', () => {
    expect(reasonCodes.length).toBeGreaterThanOrEqual(50);
    expect(new Set(reasonCodes.map((c) => c.icpc2)).size).toBe(reasonCodes.length);
    for (const c of reasonCodes)
      expect(
        [c.fi, c.sv, c.en].every((t) => t.length > 2),
        c.icpc2,
      ).toBe(true);
  });
});
