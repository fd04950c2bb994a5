import type { DraftView } from './view';

/** The resident-facing summary's texts, in the languages the workstation can print. */
const texts = {
  fi: { title: 'Yhteenveto yhteydenotostasi', date: 'Päivämäärä', reason: 'Yhteydenoton syy', advice: 'Omahoito-ohjeet', followUp: 'Milloin ottaa uudelleen yhteyttä', professional: 'Ammattilainen', emergency: 'Hätätilanteessa soita 112.' },
  sv: { title: 'Sammanfattning av din kontakt', date: 'Datum', reason: 'Orsak till kontakten', advice: 'Egenvårdsråd', followUp: 'När du ska kontakta oss igen', professional: 'Yrkesperson', emergency: 'I nödsituationer, ring 112.' },
  en: { title: 'Summary of your contact', date: 'Date', reason: 'Reason for contact', advice: 'Self-care advice', followUp: 'When to contact us again', professional: 'Professional', emergency: 'In an emergency, call 112.' },
} as const;
export type SummaryLanguage = keyof typeof texts;
export const summaryLanguage = (language: string): SummaryLanguage => (language === 'sv' || language === 'en' ? language : 'fi');

export interface SummaryContent {
  language: SummaryLanguage;
  title: string;
  lines: { heading: string; text: string }[];
  footer: string;
}

/** What the printed summary says: only for a signed record whose plan includes self-care. */
export function residentSummary(draft: DraftView, residentLanguage: string): SummaryContent | null {
  if (draft.state !== 'signed' || draft.fields.planKind !== 'self-care' || !draft.signed) return null;
  const language = summaryLanguage(residentLanguage);
  const t = texts[language];
  return {
    language,
    title: t.title,
    lines: [
      { heading: t.date, text: new Date(draft.signed.at).toLocaleDateString(language === 'en' ? 'en-GB' : `${language}-FI`) },
      { heading: t.reason, text: draft.fields.reasonText ?? '' },
      { heading: t.advice, text: draft.fields.planText ?? '' },
      { heading: t.followUp, text: draft.fields.followUp ?? '' },
      { heading: t.professional, text: draft.signed.by.name },
    ],
    footer: t.emergency,
  };
}
