import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { careGuaranteeRules } from '../../../../shared/care-guarantee/rules';
import { isUrgencyClass } from '../../../../shared/care-guarantee/urgency';
import { reasonCodeByIcpc2 } from '../../../../shared/documentation/reason-codes';
import type { StepId } from '../../../../shared/documentation/steps';
import type { DraftView } from '../../../../shared/documentation/view';
import { useFormat } from '../../i18n/format';

/**
 * The note as the resident's record will read, in the viewer's words: what the author wrote
 * under each heading, codes with their names, local times, and the care-guarantee record in
 * words. Shown before signing and to the co-signer, so no one signs what they cannot read.
 */
export function NoteReview({ draft }: { draft: DraftView }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const f = draft.fields;
  const language = (['fi', 'sv', 'en'] as const).find((l) => l === i18n.language) ?? 'fi';
  const reason = (code: string | undefined) => {
    if (!code) return null;
    const known = reasonCodeByIcpc2(code);
    return known ? `${known[language]} (ICPC-2 ${code})` : code;
  };
  const urgency = (u: string | undefined) => (u && isUrgencyClass(u) ? `${u} – ${t(`urgency.${u}`)}` : null);
  const yesNo = (v: boolean | undefined) =>
    v === undefined ? null : v ? t('documentation.yes') : t('documentation.no');
  const plan = f.planKind
    ? f.planKind === 'appointment' && f.planWithinDays !== undefined
      ? `${t(`documentation.planKinds.${f.planKind}`)}: ${t('documentation.note.withinDays', { count: f.planWithinDays })}`
      : t(`documentation.planKinds.${f.planKind}`)
    : null;

  const sections: Partial<Record<StepId, [string, ReactNode][]>> = {
    transcript: [
      [
        t('documentation.fields.transcriptExcerpts'),
        f.transcriptExcerpts?.length
          ? f.transcriptExcerpts.map((line) => (
              <span key={line} className="note__line">
                {line}
              </span>
            ))
          : null,
      ],
    ],
    consultQuestion: [[t('documentation.fields.consultQuestion'), f.consultQuestion]],
    photoReview: [[t('documentation.fields.photoFinding'), f.photoFinding]],
    reason: [
      [t('documentation.fields.reasonText'), f.reasonText],
      [t('documentation.fields.reasonCode'), reason(f.reasonCode)],
    ],
    screening: [[t('documentation.fields.phq9'), f.phq9 === undefined ? null : String(f.phq9)]],
    measurements: [[t('documentation.fields.measurementComment'), f.measurementComment]],
    history: [[t('documentation.fields.history'), f.history]],
    currentState: [[t('documentation.fields.currentState'), f.currentState]],
    assessment: [
      [t('documentation.fields.urgency'), urgency(f.urgency)],
      [t('documentation.fields.assessmentText'), f.assessmentText],
    ],
    plan: [
      [t('documentation.fields.planKind'), plan],
      [t('documentation.fields.careGivenInSameContact'), yesNo(f.careGivenInSameContact)],
      [t('documentation.fields.planText'), f.planText],
      [t('documentation.fields.carePlanGoal'), f.carePlanGoal],
    ],
    followUp: [[t('documentation.fields.followUp'), f.followUp]],
  };

  const r = draft.record;
  const rule = r ? careGuaranteeRules.find((x) => x.id === r.ruleVersion) : undefined;
  const record: [string, ReactNode][] = r
    ? [
        [t('documentation.recordFields.contactAt'), format.dateTime(r.contactAt)],
        [t('documentation.recordFields.assessedAt'), format.dateTime(r.assessedAt)],
        [
          t('documentation.recordFields.professionalGroup'),
          t(`roles.${r.professionalGroup}`, { defaultValue: r.professionalGroup }),
        ],
        [t('documentation.recordFields.urgency'), urgency(r.urgency)],
        [
          t('documentation.recordFields.contactMode'),
          t(`documentation.contactModes.${r.contactMode}`, { defaultValue: r.contactMode }),
        ],
        [
          t('documentation.recordFields.thlContactType'),
          t(`documentation.thlContactTypes.${r.thlContactType}`, { defaultValue: r.thlContactType }),
        ],
        [
          t('documentation.recordFields.serviceType'),
          t(`documentation.serviceTypes.${r.serviceType}`, { defaultValue: r.serviceType }),
        ],
        [t('documentation.recordFields.reasonCode'), reason(r.reasonCode)],
        [t('documentation.recordFields.careGivenInSameContact'), yesNo(r.careGivenInSameContact)],
        [
          t('documentation.recordFields.nextStepDeadline'),
          r.nextStepDeadline ? format.dateTime(r.nextStepDeadline) : t('documentation.note.noNextStep'),
        ],
        [
          t('documentation.recordFields.ruleVersion'),
          rule ? t('documentation.note.ruleFrom', { date: format.date(rule.validFrom) }) : null,
        ],
      ]
    : [];

  return (
    <article className="note" aria-labelledby="note-title" data-testid="note-review">
      <h4 id="note-title">{t('documentation.note.title')}</h4>
      {draft.steps.map((step) => {
        const rows = (sections[step] ?? []).filter(([, v]) => v !== null && v !== undefined && v !== '');
        if (!rows.length) return null;
        return (
          <section key={step} aria-labelledby={`note-${step}`}>
            <h5 id={`note-${step}`}>{t(`documentation.stepNames.${step}`)}</h5>
            <dl className="facts">
              {rows.map(([label, value]) => (
                <div key={label} className="fact">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      {record.length > 0 && (
        <section aria-labelledby="note-record">
          <h5 id="note-record">{t('documentation.record')}</h5>
          <dl className="facts" data-testid="care-record">
            {record.map(([label, value]) => (
              <div key={label} className="fact">
                <dt>{label}</dt>
                <dd>{value ?? '—'}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </article>
  );
}
