import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../../shared/contract/schemas';
import { catalogs } from '../../shared/i18n';
import { residentCatalogs, residentLanguages } from '../../shared/i18n/resident';
import { questionnaires } from '../../shared/self-assessment/questionnaires';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`)),
    ),
  );

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [p] : [];
  });

describe('translations', () => {
  const en = flatten(catalogs.en as unknown as Tree);
  for (const language of languages) {
    it(`${language} has every key, none empty, with the same placeholders as English`, () => {
      const flat = flatten(catalogs[language] as unknown as Tree);
      expect(Object.keys(flat).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(flat)) {
        expect(text.trim(), key).not.toBe('');
        const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
        expect(placeholders(text), key).toEqual(placeholders(en[key] ?? ''));
      }
    });
  }

  it('every literal key the renderer asks for exists', () => {
    const used = files('renderer/src').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(10);
    // Plural keys (count) resolve to key_one / key_other.
    const missing = used.filter((k) => !(k in en) && !(`${k}_one` in en));
    expect(missing).toEqual([]);
  });
});

describe('resident client translations', () => {
  const en = flatten(residentCatalogs.en as unknown as Tree);
  for (const language of residentLanguages) {
    it(`${language} has every key, none empty, with the same placeholders as English`, () => {
      const flat = flatten(residentCatalogs[language] as unknown as Tree);
      expect(Object.keys(flat).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(flat)) {
        expect(text.trim(), key).not.toBe('');
        const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
        expect(placeholders(text), key).toEqual(placeholders(en[key] ?? ''));
      }
    });
  }

  it('every question of every questionnaire, and every literal key the client asks for, has a text', () => {
    const questions = Object.values(questionnaires).flatMap((q) =>
      q.questions.map((x) => `questionnaire.questions.${x.linkId}`),
    );
    const used = files('resident-web/src').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(20);
    expect([...questions, ...used].filter((k) => !(k in en))).toEqual([]);
  });
});
