import type { Composition, Extension } from '@medplum/fhirtypes';
import type { DraftFields } from './draft';
import type { DraftView } from './view';

/** The resident-facing summary's texts, in the languages the workstation can print. */
const texts = {
  fi: {
    title: 'Yhteenveto yhteydenotostasi',
    date: 'Päivämäärä',
    reason: 'Yhteydenoton syy',
    advice: 'Omahoito-ohjeet',
    followUp: 'Milloin ottaa uudelleen yhteyttä',
    professional: 'Ammattilainen',
    emergency: 'Hätätilanteessa soita 112.',
  },
  sv: {
    title: 'Sammanfattning av din kontakt',
    date: 'Datum',
    reason: 'Orsak till kontakten',
    advice: 'Egenvårdsråd',
    followUp: 'När du ska kontakta oss igen',
    professional: 'Yrkesperson',
    emergency: 'I nödsituationer, ring 112.',
  },
  en: {
    title: 'Summary of your contact',
    date: 'Date',
    reason: 'Reason for contact',
    advice: 'Self-care advice',
    followUp: 'When to contact us again',
    professional: 'Professional',
    emergency: 'In an emergency, call 112.',
  },
} as const;
export type SummaryLanguage = keyof typeof texts;
export const summaryLanguage = (language: string): SummaryLanguage =>
  language === 'sv' || language === 'en' ? language : 'fi';

export interface SummaryContent {
  language: SummaryLanguage;
  title: string;
  lines: { heading: string; text: string }[];
  footer: string;
}

/** The words a resident is given with a self-care plan: the same on paper and in her web client. */
export interface SelfCarePlan {
  reason: string;
  advice: string;
  followUp: string;
}

export const selfCarePlanOf = (fields: DraftFields): SelfCarePlan | null =>
  fields.planKind === 'self-care'
    ? { reason: fields.reasonText ?? '', advice: fields.planText ?? '', followUp: fields.followUp ?? '' }
    : null;

/**
 * The signed Composition carries the plan as the resident reads it (plain text, no codes), so the
 * resident API can show her what she was given without parsing the record's narrative.
 */
export const selfCarePlanExtension = 'urn:kaari:fhir:self-care-plan';

export const selfCarePlanExtensionOf = (plan: SelfCarePlan): Extension => ({
  url: selfCarePlanExtension,
  extension: (['reason', 'advice', 'followUp'] as const)
    .filter((k) => plan[k].trim())
    .map((k) => ({ url: k, valueString: plan[k] })),
});

export function readSelfCarePlan(composition: Composition): SelfCarePlan | null {
  const ext = composition.extension?.find((e) => e.url === selfCarePlanExtension);
  if (!ext) return null;
  const part = (url: string) => ext.extension?.find((x) => x.url === url)?.valueString ?? '';
  return { reason: part('reason'), advice: part('advice'), followUp: part('followUp') };
}

/** What the printed summary says: only for a signed record whose plan includes self-care. */
export function residentSummary(draft: DraftView, residentLanguage: string): SummaryContent | null {
  const plan = selfCarePlanOf(draft.fields);
  if (draft.state !== 'signed' || !plan || !draft.signed) return null;
  const language = summaryLanguage(residentLanguage);
  const t = texts[language];
  return {
    language,
    title: t.title,
    lines: [
      {
        heading: t.date,
        text: new Date(draft.signed.at).toLocaleDateString(language === 'en' ? 'en-GB' : `${language}-FI`),
      },
      { heading: t.reason, text: plan.reason },
      { heading: t.advice, text: plan.advice },
      { heading: t.followUp, text: plan.followUp },
      { heading: t.professional, text: draft.signed.by.name },
    ],
    footer: t.emergency,
  };
}
