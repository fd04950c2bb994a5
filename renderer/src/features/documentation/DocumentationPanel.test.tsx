// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/contract';
import { draftView } from '../../test-support/fixtures';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { DocumentationPanel } from './DocumentationPanel';

describe('the documentation panel', () => {
  it('after signing by keyboard, focus is on going to the next contact, never on the page', async () => {
    const review = draftView({ step: 'review', fields: { contactMode: 'chat', serviceType: 'nursing' } as never });
    const signed = draftView({ ...review, state: 'signed', signed: { at: '2026-12-01T08:30:00Z', by: review.author } });
    const fake = fakeApi({
      'documentation.open': async () => ok(review),
      'documentation.step': async () => ok(signed),
    });
    const onSigned = vi.fn();
    renderWithApi(
      <DocumentationPanel taskId="task-1" userId="nurse-1" onSigned={onSigned} onNext={() => undefined} />,
      fake,
    );
    const sign = await screen.findByRole('button', { name: 'Sign' });
    sign.focus();
    await userEvent.keyboard('{Enter}');
    await screen.findByTestId('doc-signed');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Close and go to the next contact'));
    expect(onSigned).toHaveBeenCalledTimes(1);
  });
});
