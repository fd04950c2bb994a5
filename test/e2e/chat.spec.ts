import { residentCatalogs } from '../../shared/i18n/resident';
import { chatTemplates } from '../../shared/chat/templates';
import { chooseLanguage, expect, expectAccessible, signIn, test } from './support/fixtures';
import { type BackendProc, startBackend, startHost } from '../support/processes';
import { residentSignIn, residentToken, tinyPng } from './support/resident';

test('a resident assesses symptoms in Swedish; a nurse sees it at once, claims it and they chat both ways, with a template in Swedish', async ({
  browser,
  backend,
  host,
}) => {
  const sv = residentCatalogs.sv;
  const resident = await (await browser.newContext()).newPage();
  const nurse = await (await browser.newContext()).newPage();
  await signIn(nurse, host.url, 'bjorn');
  // Björn's profile starts him in Swedish; today he works in Finnish, whatever the resident speaks.
  await chooseLanguage(nurse, 'Suomi');
  await expect(nurse.getByTestId('connection-state')).toHaveText(/Yhteys toimii/);

  await residentSignIn(resident, backend, 'SYN-000014', 'sv');
  await resident.getByRole('button', { name: sv.home.assess }).click();
  await resident.getByRole('button', { name: sv.questionnaire['respiratory-infection'] }).click();
  const answer = (linkId: keyof typeof sv.questionnaire.questions, yes: boolean) =>
    resident
      .getByRole('group', { name: sv.questionnaire.questions[linkId] })
      .getByLabel(yes ? sv.questionnaire.yes : sv.questionnaire.no)
      .check();
  for (const linkId of ['breathing-difficulty', 'confusion', 'chest-pain', 'risk-group'] as const)
    await answer(linkId, false);
  await answer('cough', true);
  await answer('sore-throat', true);
  await resident.getByLabel(sv.questionnaire.questions.temperature).fill('38.4');
  await resident.getByLabel(sv.questionnaire.questions['fever-days']).fill('4');
  await resident.getByRole('button', { name: sv.questionnaire.submit }).click();
  await expect(resident.getByRole('status')).toHaveText(sv.result.urgent);

  // Within a second the nurse's queue has it, ranked by the rules (fever on day 4: P3).
  const row = nurse.getByTestId('queue-row').filter({ hasText: 'Hengitystieinfektio: kuume vähintään 4 päivää' });
  await expect(row).toBeVisible({ timeout: 1000 });
  await expect(row).toContainText('P3');
  await row.click();
  await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
  await expect(nurse.getByTestId('detail-holder')).toHaveText('Björn Lindqvist');
  await nurse.getByRole('button', { name: 'Avaa chat' }).click();
  // The chat opens with what the resident already answered.
  await expect(nurse.getByTestId('chat-self-assessment')).toContainText('Montako päivää sinulla on ollut kuumetta?: 4');

  // The nurse writes first; the resident's front page says there is something new.
  await nurse.getByLabel('Viesti', { exact: true }).fill('Hej! Jag har läst dina svar.');
  await nurse.getByRole('button', { name: 'Lähetä' }).click();
  await resident.getByRole('button', { name: sv.app.home }).click();
  await expect(resident.getByTestId('new-messages')).toHaveText(sv.home.newMessages.replace('{{count}}', '1'), {
    timeout: 3000,
  });
  await resident.getByRole('button', { name: new RegExp(`^${sv.home.open}: ${sv.kinds['self-assessment']}`) }).click();
  await expect(resident.getByRole('log').getByText('Hej! Jag har läst dina svar.')).toBeVisible();

  // Resident → nurse.
  await resident.getByLabel(sv.chat.message).fill('Hostan mest på nätterna.');
  await resident.getByRole('button', { name: sv.chat.send, exact: true }).click();
  await expect(nurse.getByTestId('chat-message').filter({ hasText: 'Hostan mest på nätterna.' })).toBeVisible({
    timeout: 2000,
  });

  // A photo from the resident, reviewed from the chat.
  await resident
    .getByLabel(sv.chat.attach)
    .setInputFiles({ name: 'utslag.png', mimeType: 'image/png', buffer: tinyPng });
  await resident.getByRole('button', { name: sv.chat.sendPhoto }).click();
  const photoMessage = nurse
    .getByTestId('chat-message')
    .filter({ has: nurse.getByRole('button', { name: 'Näytä kuva' }) });
  await expect(photoMessage).toBeVisible({ timeout: 3000 });
  await photoMessage.getByRole('button', { name: 'Näytä kuva' }).click();
  const photo = nurse.getByTestId('chat').getByTestId('resident-photo');
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

  // Nurse → resident, typed; the resident sees "typing" first.
  // "Typing" is a best-effort signal (at most one a second, dropped while a socket reconnects):
  // while the nurse goes on typing, the resident sees it within a few seconds.
  const composer = nurse.getByLabel('Viesti', { exact: true });
  await composer.pressSequentially('Har du feber nu?');
  await expect(async () => {
    await composer.pressSequentially(' ');
    await expect(resident.getByText(sv.chat.typing)).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 8000 });
  await nurse.getByRole('button', { name: 'Lähetä' }).click();
  await expect(resident.getByRole('log').getByText('Har du feber nu?')).toBeVisible({ timeout: 2000 });

  // A template: the nurse works in Finnish, the resident reads Swedish; both wordings are kept.
  const selfCare = chatTemplates.find((x) => x.id === 'self-care-respiratory');
  await nurse.getByLabel('Vastauspohja').selectOption('self-care-respiratory');
  await expect(nurse.getByTestId('chat-translation')).toContainText(selfCare?.text.sv ?? '-');
  await expectAccessible(nurse);
  await nurse.getByRole('button', { name: 'Lähetä' }).click();
  await expect(resident.getByRole('log').getByText(selfCare?.text.sv ?? '-')).toBeVisible({ timeout: 2000 });
  const sent = nurse.getByTestId('chat-message').filter({ hasText: selfCare?.text.sv ?? '-' });
  await expect(sent).toContainText(`Oma sanamuotosi: ${selfCare?.text.fi}`);
  // The resident has the chat open, so the message comes back read.
  await expect(sent.getByTestId('chat-delivery')).toHaveText('Luettu', { timeout: 3000 });
  await expectAccessible(resident);

  // Ending the chat leads into the documentation of the visit, with the lines the nurse chose.
  await nurse
    .getByTestId('chat-message')
    .filter({ hasText: 'Hostan mest på nätterna.' })
    .getByLabel('Kirjaukseen')
    .check();
  await nurse.getByRole('button', { name: 'Lopeta chat ja kirjaa' }).click();
  const doc = nurse.getByTestId('documentation');
  await expect(doc.getByLabel('Tulosyy', { exact: true })).toHaveValue(/Hengitystieinfektio/);
  await doc.getByRole('button', { name: 'Esitiedot' }).click();
  await expect(doc.getByLabel('Esitiedot')).toHaveValue(/Montako päivää sinulla on ollut kuumetta\?: 4/);
  await expect(doc.getByLabel('Esitiedot')).toHaveValue(/\d\d\.\d\d Asukas: Hostan mest på nätterna\./);
  await expect(nurse.getByTestId('chat')).toHaveCount(0);
  // The worker's host is shared by the next tests: leave it signed out.
  await nurse.getByRole('button', { name: 'Kirjaudu ulos' }).click();
});

test('messages typed with the backend down wait visibly and go once, in order, when it is back; unsent text survives a crash', async ({
  browser,
}) => {
  // A backend of its own migrates and seeds before it listens (startBackend allows 150 s for that with both cores busy).
  test.setTimeout(180_000);
  const backend = await startBackend();
  const host = await startHost({ backendUrl: backend.url });
  let currentHost = host;
  let restarted: BackendProc | null = null;
  try {
    const token = await residentToken(backend, 'SYN-000015');
    const taskId = crypto.randomUUID();
    const started = await fetch(`${backend.url}/resident/api/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: taskId, text: 'Voinko kysyä reseptistä?', language: 'fi' }),
    });
    expect(started.status).toBe(200);

    const nurse = await (await browser.newContext()).newPage();
    await signIn(nurse, host.url, 'aino');
    // Before she takes the contact the conversation is not on her workstation (the care-relationship
    // rule): the row shows the resident's first words, which is what triage needs.
    const row = nurse.getByTestId('queue-row').filter({ hasText: 'Voinko kysyä reseptistä?' });
    await row.click();
    await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    await expect(nurse.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
    await expect(nurse.getByTestId('chat-message').filter({ hasText: 'Voinko kysyä reseptistä?' })).toBeVisible();
    await expect(row.getByTestId('unread')).toHaveCount(0);

    await backend.stop(true);
    await expect(nurse.getByTestId('connection-state')).toHaveText(/Ei yhteyttä/);
    for (const text of ['Ensimmäinen viesti', 'Toinen viesti']) {
      await nurse.getByLabel('Viesti', { exact: true }).fill(text);
      await nurse.getByRole('button', { name: 'Lähetä' }).click();
      await expect(nurse.getByTestId('chat-message').filter({ hasText: text }).getByTestId('chat-delivery')).toHaveText(
        'Odottaa yhteyttä',
      );
    }
    await expectAccessible(nurse);

    restarted = await startBackend({ port: backend.port, dataDir: backend.dataDir });
    for (const text of ['Ensimmäinen viesti', 'Toinen viesti']) {
      await expect(nurse.getByTestId('chat-message').filter({ hasText: text }).getByTestId('chat-delivery')).toHaveText(
        'Lähetetty',
        { timeout: 20_000 },
      );
    }
    const thread = (await (
      await fetch(`${backend.url}/resident/api/chats/${taskId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { messages: { text: string }[] };
    expect(thread.messages.map((m) => m.text)).toEqual([
      'Voinko kysyä reseptistä?',
      'Ensimmäinen viesti',
      'Toinen viesti',
    ]);

    // Words typed but not sent survive the workstation being killed.
    await nurse.getByLabel('Viesti', { exact: true }).fill('Kesken jäänyt vastaus');
    await expect(nurse.getByTestId('chat-unsent-saved')).toBeVisible();
    await host.stop(true);
    currentHost = await startHost({
      backendUrl: backend.url,
      dataDir: host.dataDir,
      port: Number(new URL(host.url).port),
    });
    await signIn(nurse, currentHost.url, 'aino');
    await nurse.getByTestId('queue-row').filter({ hasText: 'Voinko kysyä reseptistä?' }).click();
    await expect(nurse.getByLabel('Viesti', { exact: true })).toHaveValue('Kesken jäänyt vastaus');
  } finally {
    await currentHost.stop();
    await host.stop();
    await restarted?.stop();
    await backend.stop();
  }
});
