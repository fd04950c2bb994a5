import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listTemplates,
  offeredTemplates,
  organisationOf,
  retireTemplate,
  saveTemplate,
} from '../../main/chat/templates-store';
import { pullChanges } from '../../main/sync/pull';
import { drainOutbox } from '../../main/sync/push';
import { chatTemplates, templateResource } from '../../shared/chat/templates';
import { type BackendProc, startBackend } from '../support/processes';
import { signedInWorkstation } from '../support/workstation';

describe('chat templates are kept per organisation by team leads and reach every workstation', () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(() => backend.stop());

  it('a team lead changes a template; a nurse’s workstation gets it; a nurse cannot change one', async () => {
    const lead = await signedInWorkstation(backend.url, 'leena');
    const nurse = await signedInWorkstation(backend.url, 'aino');
    await pullChanges(lead.db, lead.client);
    await pullChanges(nurse.db, nurse.client);
    const organisation = organisationOf(nurse.db, nurse.user.id);
    expect(organisation).toBe('org-demo-county');
    expect(listTemplates(nurse.db, organisation).map((t) => t.id)).toEqual(chatTemplates.map((t) => t.id));

    const closing = chatTemplates.find((t) => t.id === 'closing');
    if (!closing) throw new Error('demo template missing');
    saveTemplate(lead.db, lead.user, {
      id: 'closing',
      text: { ...closing.text, sv: 'Tack för att du hörde av dig. Krya på dig!' },
    });
    saveTemplate(lead.db, lead.user, {
      id: 'lab-results',
      text: { ...closing.text, fi: 'Laboratoriovastauksesi ovat normaalit.' },
    });
    expect(await drainOutbox(lead.db, lead.client)).toEqual({ pushed: 2, conflicts: 0 });

    await pullChanges(nurse.db, nurse.client);
    const seen = listTemplates(nurse.db, organisation);
    expect(seen.find((t) => t.id === 'closing')?.text.sv).toBe('Tack för att du hörde av dig. Krya på dig!');
    expect(seen.at(-1)?.id).toBe('lab-results');

    expect(() => saveTemplate(nurse.db, nurse.user, { id: 'closing', text: closing.text })).toThrow(/team leads/);

    // Retired, not deleted: still on record on every workstation, no longer offered in the chat;
    // editing its words does not bring it back, restoring does.
    retireTemplate(lead.db, lead.user, 'appointment', true);
    saveTemplate(lead.db, lead.user, {
      id: 'appointment',
      text: { ...chatTemplates.find((t) => t.id === 'appointment')!.text, en: 'I will book a visit for you.' },
    });
    expect(await drainOutbox(lead.db, lead.client)).toEqual({ pushed: 2, conflicts: 0 });
    await pullChanges(nurse.db, nurse.client);
    expect(listTemplates(nurse.db, organisation).find((t) => t.id === 'appointment')).toMatchObject({
      retired: true,
      text: { en: 'I will book a visit for you.' },
    });
    expect(offeredTemplates(nurse.db, organisation).map((t) => t.id)).not.toContain('appointment');
    expect(() => retireTemplate(nurse.db, nurse.user, 'closing', true)).toThrow(/team leads/);
    retireTemplate(lead.db, lead.user, 'appointment', false);
    expect(await drainOutbox(lead.db, lead.client)).toEqual({ pushed: 1, conflicts: 0 });
    await pullChanges(nurse.db, nurse.client);
    expect(offeredTemplates(nurse.db, organisation).map((t) => t.id)).toContain('appointment');
    // And the backend refuses it too, whatever a client does.
    await expect(
      nurse.client.transaction(
        {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            {
              resource: templateResource({ ...closing, text: { ...closing.text, fi: 'x' } }),
              request: { method: 'PUT', url: 'Basic/template-closing' },
            },
          ],
        },
        crypto.randomUUID(),
      ),
    ).rejects.toThrow(/403|may not write Basic/);
  }, 60_000);
});
