import { useTranslation } from 'react-i18next';
import { type Language, languages } from '../../../../shared/contract';

/** Radio group, so each language is named in itself and reachable by arrow keys. */
export function LanguagePicker({ value, onChange }: { value: Language; onChange(language: Language): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice">
      <legend>{t('settings.language')}</legend>
      {languages.map((language) => (
        <label key={language} lang={language}>
          <input
            type="radio"
            name="language"
            value={language}
            checked={value === language}
            onChange={() => onChange(language)}
          />
          {t(`languageNames.${language}`)}
        </label>
      ))}
    </fieldset>
  );
}
