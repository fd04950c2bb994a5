import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonCodeByIcpc2, searchReasonCodes } from '../../../../shared/documentation/reason-codes';

interface Props {
  chosen: string | undefined;
  onChoose(icpc2: string): void;
}

const title = (code: { fi: string; sv: string; en: string }, language: string) =>
  language === 'sv' ? code.sv : language === 'en' ? code.en : code.fi;

/** Search the curated reason codes by code or by words in Finnish, Swedish or English. */
export function ReasonCodePicker({ chosen, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const results = searchReasonCodes(query, 8);
  const current = chosen ? reasonCodeByIcpc2(chosen) : undefined;
  return (
    <div className="reason-picker">
      <p data-testid="reason-chosen">
        {t('documentation.reasonChosen')}:{' '}
        {current
          ? `${current.icpc2} ${title(current, i18n.language)} (ICD-10 ${current.icd10})`
          : t('documentation.notSet')}
      </p>
      <label htmlFor="doc-reason-search">{t('documentation.reasonSearch')}</label>
      <input
        id="doc-reason-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
        // With a code chosen the search is optional: focus does not stop here after a step.
        data-skip-focus={current ? '' : undefined}
      />
      {results.length > 0 && (
        <ul className="recent" aria-label={t('documentation.reasonSearch')}>
          {results.map((c) => (
            <li key={c.icpc2}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onChoose(c.icpc2);
                  setQuery('');
                }}
              >
                {c.icpc2} {title(c, i18n.language)} · ICD-10 {c.icd10}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
