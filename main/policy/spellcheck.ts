import type { MachinePolicy } from './machine-policy';

export type Spellcheck = { enabled: false } | { enabled: true; dictionaryUrl: string; languages: string[] };

/**
 * Chromium's spellchecker downloads its dictionaries from Google when it is on; on a clinical
 * workstation it is on only when the organisation serves the dictionaries itself.
 */
export function spellcheckFor(
  policy: Pick<MachinePolicy, 'spellcheckDictionaryUrl' | 'spellcheckLanguages'>,
): Spellcheck {
  if (!policy.spellcheckDictionaryUrl || policy.spellcheckLanguages.length === 0) return { enabled: false };
  const base = policy.spellcheckDictionaryUrl.endsWith('/')
    ? policy.spellcheckDictionaryUrl
    : `${policy.spellcheckDictionaryUrl}/`;
  return { enabled: true, dictionaryUrl: base, languages: [...policy.spellcheckLanguages] };
}
