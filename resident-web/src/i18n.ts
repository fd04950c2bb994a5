import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type ResidentLanguage, residentCatalogs, residentLanguages, rightToLeft } from '../../shared/i18n/resident';

export function initI18n(language: ResidentLanguage) {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...residentLanguages],
    resources: Object.fromEntries(residentLanguages.map((l) => [l, { translation: residentCatalogs[l] }])),
    interpolation: { escapeValue: false },
  });
  applyLanguage(language);
}

/** The page's language and direction follow the choice: Arabic reads right to left. */
export function applyLanguage(language: ResidentLanguage) {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = rightToLeft.has(language) ? 'rtl' : 'ltr';
  localStorage.setItem('kaari-resident-language', language);
}
