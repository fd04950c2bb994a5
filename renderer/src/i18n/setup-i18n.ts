import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, languages } from '../../../shared/contract';
import { catalogs } from '../../../shared/i18n';

export function setupI18n(language: Language = 'fi') {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    supportedLngs: [...languages],
    resources: Object.fromEntries(languages.map((l) => [l, { translation: catalogs[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export function applyLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
