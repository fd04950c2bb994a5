import { describe, expect, it } from 'vitest';
import { questionnaires } from '../../shared/self-assessment/questionnaires';
import { assessmentDescription, parseAssessmentDescription } from '../../shared/self-assessment/to-fhir';
import { en } from '../../shared/i18n/en';
import { fi } from '../../shared/i18n/fi';
import { sv } from '../../shared/i18n/sv';

describe('a self-assessment reason read back as codes', () => {
  it('gives back the questionnaire and the rules, for every questionnaire', () => {
    for (const def of Object.values(questionnaires)) {
      const reasons = def.rules.slice(0, 2).map((r) => r.id);
      const description = assessmentDescription(def, { urgency: 'P3', reasons, redFlag: null });
      expect(parseAssessmentDescription(description)).toEqual({ questionnaire: def.id, reasons });
      expect(
        parseAssessmentDescription(assessmentDescription(def, { urgency: 'P6', reasons: [], redFlag: null })),
      ).toEqual({ questionnaire: def.id, reasons: [] });
    }
  });
  it('leaves any other text alone', () => {
    expect(parseAssessmentDescription('Oirearvio: korvakipu ja kuume')).toBeNull();
    expect(parseAssessmentDescription('Hengitystieinfektio: Yskä jatkunut, kuume')).toBeNull();
  });
  it('has words for every rule in every workstation language', () => {
    for (const def of Object.values(questionnaires)) {
      for (const rule of def.rules)
        for (const catalog of [fi, sv, en]) expect(catalog.triageReasons, rule.id).toHaveProperty([rule.id]);
    }
  });
});
