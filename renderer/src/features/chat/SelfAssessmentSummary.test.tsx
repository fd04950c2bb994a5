// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { SelfAssessmentSummary } from './SelfAssessmentSummary';

// As the record stores them: Finnish wording, values and codes.
const respiratory = {
  questionnaire: 'respiratory-infection',
  answers: [
    { linkId: 'breathing-difficulty', text: 'Onko sinun vaikea hengittää?', value: false },
    { linkId: 'temperature', text: 'Korkein kuumeesi (°C)', value: 38.5 },
    { linkId: 'fever-days', text: 'Montako päivää sinulla on ollut kuumetta?', value: 4 },
  ],
};

describe("the resident's self-assessment beside the chat", () => {
  it('reads in Swedish for a Swedish-speaking nurse, though the record is in Finnish', () => {
    renderWithApi(<SelfAssessmentSummary assessment={respiratory} />, fakeApi({}), 'sv');
    const text = screen.getByTestId('chat-self-assessment').textContent ?? '';
    expect(text).toContain('Din högsta temperatur (°C): 38,5');
    expect(text).toContain('Hur många dagar har du haft feber?: 4');
    expect(text).toMatch(/: Nej/);
    expect(text).not.toMatch(/kuume|false|true/i);
  });

  it('says PHQ-9 choices in words, in English', () => {
    renderWithApi(
      <SelfAssessmentSummary
        assessment={{ questionnaire: 'mental-wellbeing', answers: [{ linkId: 'sleep', text: 'Uni', value: '2' }] }}
      />,
      fakeApi({}),
      'en',
    );
    expect(screen.getByTestId('chat-self-assessment').textContent).toMatch(/: More than half the days$/);
  });

  it('shows a question it has no words for as the record wrote it', () => {
    renderWithApi(
      <SelfAssessmentSummary
        assessment={{ questionnaire: null, answers: [{ linkId: 'fever', text: 'Kuume (°C)', value: '38,9' }] }}
      />,
      fakeApi({}),
      'en',
    );
    expect(screen.getByTestId('chat-self-assessment').textContent).toContain('Kuume (°C): 38,9');
  });
});
