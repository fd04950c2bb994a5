// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { queueItem } from '../../test-support/fixtures';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { ItemDetail } from './ItemDetail';

// The video call needs WebRTC, which happy-dom has not; it is not what these tests are about.
vi.mock('../video/VideoVisitPanel', () => ({ VideoVisitPanel: () => null }));

describe('the opened contact', () => {
  it('hands the contact to a colleague with a note and says to whom', async () => {
    const mine = queueItem({ kind: 'callback', holder: { id: 'nurse-1', name: 'Aino Virtanen' } });
    const fake = fakeApi({
      'resident.context': async () =>
        ok({
          contacts: [],
          selfAssessments: [],
          photos: [],
          documents: [],
          measurements: { consent: 'none', items: [], withheld: 0 },
          inCare: true,
        }),
      'staff.colleagues': async () =>
        ok([
          { id: 'nurse-1', name: 'Aino Virtanen', profession: 'nurse' },
          { id: 'nurse-2', name: 'Björn Lindqvist', profession: 'nurse' },
        ]),
      'queue.transfer': async ({ toStaffId }) => ok({ ...mine, holder: { id: toStaffId, name: 'Björn Lindqvist' } }),
    });
    let changed: QueueItem | null = null;
    renderWithApi(
      <ItemDetail
        item={mine}
        userId="nurse-1"
        isLead={false}
        online
        now={Date.parse('2026-12-01T08:10:00Z')}
        claimMessage={{ text: 'The contact is yours.', error: false }}
        onClaim={() => undefined}
        onChanged={(i) => (changed = i)}
        onClose={() => undefined}
      />,
      fake,
    );
    await screen.findByRole('option', { name: 'Björn Lindqvist (Nurse)' });
    await userEvent.selectOptions(screen.getByLabelText('Choose a colleague'), 'nurse-2');
    await userEvent.type(screen.getByLabelText('Note for the colleague (optional)'), 'Known client');
    await userEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect((await screen.findByText(/Transferred/)).textContent).toBe('Transferred to Björn Lindqvist.');
    expect(changed).toMatchObject({ holder: { id: 'nurse-2' } });
    expect(fake.calls.find((c) => c.name === 'queue.transfer')?.input).toEqual({
      id: mine.id,
      toStaffId: 'nurse-2',
      note: 'Known client',
    });
  });
});
