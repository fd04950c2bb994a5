import { ar } from './ar';
import { type ResidentMessages, en } from './en';
import { et } from './et';
import { fi } from './fi';
import { ru } from './ru';
import { so } from './so';
import { sv } from './sv';
import { uk } from './uk';

/** Languages of the resident's client: the national ones and the county's largest others. */
export const residentLanguages = ['fi', 'sv', 'en', 'ru', 'et', 'ar', 'so', 'uk'] as const;
export type ResidentLanguage = (typeof residentLanguages)[number];
export const isResidentLanguage = (v: unknown): v is ResidentLanguage =>
  typeof v === 'string' && (residentLanguages as readonly string[]).includes(v);
export const rightToLeft: ReadonlySet<ResidentLanguage> = new Set(['ar']);
/** Each language named in itself, for the language picker. */
export const languageNames: Record<ResidentLanguage, string> = {
  fi: 'Suomi',
  sv: 'Svenska',
  en: 'English',
  ru: 'Русский',
  et: 'Eesti',
  ar: 'العربية',
  so: 'Soomaali',
  uk: 'Українська',
};

export const residentCatalogs: Record<ResidentLanguage, ResidentMessages> = { fi, sv, en, ru, et, ar, so, uk };
export type { ResidentMessages };
