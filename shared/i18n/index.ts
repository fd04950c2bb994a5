import type { Language } from '../contract/schemas';
import { type Messages, en } from './en';
import { fi } from './fi';
import { sv } from './sv';

export const catalogs: Record<Language, Messages> = { fi, sv, en };
export type { Messages };
