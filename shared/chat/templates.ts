import type { Basic } from '@medplum/fhirtypes';
import { type ResidentLanguage, isResidentLanguage, residentLanguages } from '../i18n/resident';

/**
 * Answer templates for common situations, each written in every resident language so the
 * professional can answer in the resident's language and see their own wording beside it.
 * Each organisation keeps its own list as FHIR Basic resources, maintained by its team leads;
 * the list below is what the demo county starts with. Texts are reviewed by the organisation's
 * translators, never machine-made at send time.
 */
export interface ChatTemplate {
  id: string;
  organisation: string;
  text: Record<ResidentLanguage, string>;
  /** Retired templates stay on record (a message may cite one) but are no longer offered. */
  retired?: boolean;
}

export const demoOrganisation = 'org-demo-county';

export const chatTemplates: readonly ChatTemplate[] = [
  {
    id: 'greeting',
    organisation: demoOrganisation,
    text: {
      fi: 'Hei, olen hoitaja digitaalisesta terveysasemasta. Olen lukenut vastauksesi.',
      sv: 'Hej, jag är skötare på den digitala hälsostationen. Jag har läst dina svar.',
      en: 'Hello, I am a nurse at the digital health centre. I have read your answers.',
      ru: 'Здравствуйте, я медсестра цифрового медицинского центра. Я прочитала ваши ответы.',
      et: 'Tere, olen digitaalse terviseasutuse õde. Olen sinu vastused läbi lugenud.',
      ar: 'مرحبًا، أنا ممرضة في المركز الصحي الرقمي. لقد قرأت إجاباتك.',
      so: 'Salaan, waxaan ahay kalkaaliso ka tirsan xarunta caafimaadka dijitaalka ah. Waan akhriyay jawaabahaaga.',
      uk: 'Вітаю, я медсестра цифрового медичного центру. Я прочитала ваші відповіді.',
    },
  },
  {
    id: 'self-care-respiratory',
    organisation: demoOrganisation,
    text: {
      fi: 'Lepää, juo runsaasti ja ota tarvittaessa kuumelääkettä. Ota uudelleen yhteyttä, jos hengittäminen vaikeutuu tai kuume jatkuu yli kolme päivää.',
      sv: 'Vila, drick rikligt och ta febernedsättande medicin vid behov. Kontakta oss igen om det blir svårare att andas eller om febern varar över tre dagar.',
      en: 'Rest, drink plenty and take fever medicine if needed. Contact us again if breathing gets harder or the fever lasts more than three days.',
      ru: 'Отдыхайте, пейте много жидкости и при необходимости принимайте жаропонижающее. Свяжитесь с нами снова, если станет труднее дышать или температура продержится более трёх дней.',
      et: 'Puhka, joo rohkelt ja võta vajadusel palavikuravimit. Võta uuesti ühendust, kui hingamine muutub raskemaks või palavik kestab üle kolme päeva.',
      ar: 'استرح واشرب الكثير من السوائل وتناول خافض الحرارة عند الحاجة. تواصل معنا مجددًا إذا أصبح التنفس أصعب أو استمرت الحمى أكثر من ثلاثة أيام.',
      so: 'Naso, cab biyo badan oo qaado dawada qandhada haddii loo baahdo. Nala soo xiriir mar kale haddii neefsashadu adkaato ama qandhadu ay socoto in ka badan saddex maalmood.',
      uk: 'Відпочивайте, пийте багато рідини та за потреби приймайте жарознижувальне. Зверніться знову, якщо стане важче дихати або температура триматиметься понад три дні.',
    },
  },
  {
    id: 'appointment',
    organisation: demoOrganisation,
    text: {
      fi: 'Varaan sinulle vastaanottoajan. Saat ajan tiedoksi viestillä.',
      sv: 'Jag bokar en mottagningstid åt dig. Du får tiden i ett meddelande.',
      en: 'I will book an appointment for you. You will get the time in a message.',
      ru: 'Я запишу вас на приём. Время приёма придёт вам в сообщении.',
      et: 'Broneerin sulle vastuvõtuaja. Saad aja teada sõnumiga.',
      ar: 'سأحجز لك موعدًا. ستصلك تفاصيل الموعد في رسالة.',
      so: 'Waxaan kuu qabanayaa ballan. Waqtiga waxaad ku heli doontaa fariin.',
      uk: 'Я запишу вас на прийом. Час прийому ви отримаєте в повідомленні.',
    },
  },
  {
    id: 'call-112',
    organisation: demoOrganisation,
    text: {
      fi: 'Soita heti hätänumeroon 112.',
      sv: 'Ring nödnumret 112 genast.',
      en: 'Call the emergency number 112 right away.',
      ru: 'Немедленно позвоните по номеру экстренной помощи 112.',
      et: 'Helista kohe hädaabinumbrile 112.',
      ar: 'اتصل برقم الطوارئ 112 فورًا.',
      so: 'Isla markiiba wac lambarka gurmadka degdegga ah 112.',
      uk: 'Негайно зателефонуйте на номер екстреної допомоги 112.',
    },
  },
  {
    id: 'closing',
    organisation: demoOrganisation,
    text: {
      fi: 'Kiitos yhteydenotostasi. Hyvää vointia!',
      sv: 'Tack för att du kontaktade oss. Krya på dig!',
      en: 'Thank you for contacting us. Take care!',
      ru: 'Спасибо за обращение. Выздоравливайте!',
      et: 'Aitäh, et võtsid ühendust. Head paranemist!',
      ar: 'شكرًا لتواصلك معنا. نتمنى لك الشفاء!',
      so: 'Waad ku mahadsan tahay inaad nala soo xiriirtay. Caafimaad wacan!',
      uk: 'Дякуємо за звернення. Одужуйте!',
    },
  },
];

export const templateKind = { system: 'urn:kaari:basic-kind', code: 'chat-template' } as const;
const keyUrl = 'urn:kaari:fhir:template-key';
const textUrl = 'urn:kaari:fhir:template-text';
const retiredUrl = 'urn:kaari:fhir:template-retired';

/** A template as FHIR: Basic, authored by its organisation, one complex extension per language. */
export function templateResource(t: ChatTemplate): Basic & { id: string } {
  return {
    resourceType: 'Basic',
    id: `template-${t.id}`,
    code: { coding: [{ ...templateKind }] },
    author: { reference: `Organization/${t.organisation}` },
    extension: [
      { url: keyUrl, valueString: t.id },
      ...residentLanguages.map((language) => ({
        url: textUrl,
        extension: [
          { url: 'language', valueCode: language },
          { url: 'text', valueString: t.text[language] },
        ],
      })),
      ...(t.retired ? [{ url: retiredUrl, valueBoolean: true }] : []),
    ],
  };
}

export function readTemplate(b: Basic): ChatTemplate | null {
  if (!b.code.coding?.some((c) => c.system === templateKind.system && c.code === templateKind.code)) return null;
  const id = b.extension?.find((e) => e.url === keyUrl)?.valueString;
  const organisation = b.author?.reference?.replace(/^Organization\//, '');
  if (!id || !organisation) return null;
  const text = {} as Record<ResidentLanguage, string>;
  for (const e of b.extension ?? []) {
    if (e.url !== textUrl) continue;
    const language = e.extension?.find((x) => x.url === 'language')?.valueCode;
    const value = e.extension?.find((x) => x.url === 'text')?.valueString;
    if (isResidentLanguage(language) && value) text[language] = value;
  }
  // A template without every language is not offered: the resident must be able to read it.
  const retired = b.extension?.some((e) => e.url === retiredUrl && e.valueBoolean === true) ?? false;
  return residentLanguages.every((l) => text[l]) ? { id, organisation, text, ...(retired ? { retired } : {}) } : null;
}
