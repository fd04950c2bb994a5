// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DraftRequest } from '../../../../shared/documentation/requests';
import type { DraftView } from '../../../../shared/documentation/view';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { draftView } from '../../test-support/fixtures';
import { DocumentationStep } from './DocumentationStep';

function setup(draft: DraftView, language: 'en' | 'fi' | 'sv' = 'en') {
  const requests: DraftRequest[] = [];
  const onDirty = vi.fn();
  const primaryRef = createRef<HTMLButtonElement>();
  renderWithApi(
    <DocumentationStep draft={draft} onStep={(r) => requests.push(r)} onDirty={onDirty} primaryRef={primaryRef} />,
    fakeApi({}),
    language,
  );
  return { requests, onDirty, primaryRef };
}

describe('a documentation step', () => {
  it('saves the assessment typed, once typing pauses and when focus leaves, as one update', async () => {
    const { requests, onDirty } = setup(draftView({ step: 'assessment' }));
    expect(screen.getByRole('group', { name: 'Assessment of care need' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Assessment'), 'Mild symptoms');
    expect(onDirty).toHaveBeenCalled();
    await userEvent.tab();
    await waitFor(() =>
      expect(requests).toContainEqual({ type: 'UPDATE', patch: { assessmentText: 'Mild symptoms' } }),
    );
    expect(requests.filter((r) => r.type === 'UPDATE' && 'assessmentText' in r.patch)).toHaveLength(1);
  });

  it('offers urgency in words and saves the chosen class', async () => {
    const { requests } = setup(draftView({ step: 'assessment' }));
    await userEvent.selectOptions(screen.getByLabelText('Urgency class'), 'P3');
    expect(screen.getByRole('option', { name: 'P3 – Within 24 hours' })).toBeTruthy();
    expect(requests).toContainEqual({ type: 'UPDATE', patch: { urgency: 'P3' } });
  });

  it('goes on with Next and back with Back', async () => {
    const { requests } = setup(draftView({ step: 'assessment' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(requests).toEqual([{ type: 'NEXT' }, { type: 'BACK' }]);
  });

  it('has no way back from the first step', () => {
    setup(draftView({ step: 'transcript' }));
    expect((screen.getByRole('button', { name: 'Back' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('ends in Sign on the review step, where the note reads as the record will', async () => {
    const { requests, primaryRef } = setup(
      draftView({ step: 'review', fields: { assessmentText: 'Mild symptoms', planText: 'Rest at home' } }),
    );
    expect(primaryRef.current?.textContent).toBe('Sign');
    expect(screen.getByText('Mild symptoms')).toBeTruthy();
    expect(screen.getByText('Rest at home')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign' }));
    expect(requests).toEqual([{ type: 'SIGN' }]);
  });

  it('cannot be changed while it waits for a co-signature', () => {
    setup(draftView({ step: 'review', state: 'awaitingCosign' }), 'sv');
    for (const control of screen.getAllByRole('button'))
      expect((control as HTMLButtonElement).closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Signera' })).toBeTruthy();
  });
});
