import { readFileSync } from 'node:fs';
import type { Composition, Encounter } from '@medplum/fhirtypes';
import { careGuaranteeExtension } from '../../shared/documentation/to-fhir';
import { type HostProc, startBackend, startHost } from '../support/processes';
import { residentCatalogs } from '../../shared/i18n/resident';
import { newSelfAssessment } from './support/contacts';
import { expect, expectAccessible, signIn, test } from './support/fixtures';
import { residentSignIn } from './support/resident';

async function staffGet<T>(backendUrl: string, path: string): Promise<T> {
  const login = await fetch(`${backendUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId: 'e2e-check' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return (await (
    await fetch(`${backendUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })
  ).json()) as T;
}

test('a nurse takes a self-assessment from the queue through chat into documentation; the workstation is killed mid-flow; the draft is intact; signed, the backend holds a valid record and the resident reads her plan', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const backend = await startBackend();
  let host: HostProc = await startHost({ backendUrl: backend.url });
  const port = Number(new URL(host.url).port);
  try {
    await signIn(page, host.url, 'aino');
    const reason = `Oirearvio: kuume ja yskä ${Date.now()}`;
    await newSelfAssessment(backend.url, reason, 'resident-00005');
    await page.getByTestId('queue-row').filter({ hasText: reason }).click();
    await page.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    await expect(page.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
    // Through chat: the nurse sees what was answered, asks, and ends the chat into the assessment.
    await page.getByRole('button', { name: 'Avaa chat' }).click();
    await expect(page.getByTestId('chat-self-assessment')).toContainText('Kuume (°C): 38,9');
    await page.getByLabel('Viesti', { exact: true }).fill('Onko kuume laskenut?');
    await page.getByRole('button', { name: 'Lähetä' }).click();
    await expect(page.getByTestId('chat-message').filter({ hasText: 'Onko kuume laskenut?' })).toBeVisible();
    await page.getByRole('button', { name: 'Lopeta chat ja kirjaa' }).click();

    const doc = page.getByTestId('documentation');
    await expect(doc.getByLabel('Tulosyy', { exact: true })).toHaveValue(reason); // pre-filled from the contact
    // The reason code is found by Finnish and by Swedish words, and by its ICD-10 code.
    const search = doc.getByRole('searchbox', { name: /Hae käyntisyy/ });
    for (const words of ['flunssa', 'förkylning', 'J06']) {
      await search.fill(words);
      await expect(doc.getByRole('button', { name: /^R74 Ylähengitystieinfektio/ })).toBeVisible();
    }
    await doc.getByRole('button', { name: /^R74 Ylähengitystieinfektio/ }).click();
    await expect(doc.getByTestId('reason-chosen')).toContainText('R74');
    await expectAccessible(page);
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    // The self-assessment's answers are already there; the nurse adds to them.
    await expect(doc.getByLabel('Esitiedot')).toHaveValue('Kuume (°C): 38,9');
    await doc.getByLabel('Esitiedot').fill('Kuumetta kaksi päivää, ei perussairauksia');
    await doc.getByRole('button', { name: 'Seuraava' }).click(); // leaving the field saves it
    await expect(doc.getByRole('group', { name: 'Nykytila' })).toBeVisible();
    // Typing without leaving the field: saved a moment after the typing pauses.
    await doc.getByLabel('Nykytila').fill('Hengittää vaivatta');
    await expect(doc.getByTestId('doc-saved')).toHaveText('');
    await expect(doc.getByTestId('doc-saved')).toHaveText('Luonnos tallennettu tälle työasemalle.');

    // The workstation process dies; a new one starts on the same data folder.
    await host.stop(true);
    host = await startHost({ backendUrl: backend.url, dataDir: host.dataDir, port });
    await signIn(page, host.url, 'aino');
    await page.getByTestId('queue-row').filter({ hasText: reason }).click();
    await page.getByRole('button', { name: 'Kirjaa' }).click();
    await expect(doc.getByRole('group', { name: 'Nykytila' })).toBeVisible();
    await expect(doc.getByLabel('Nykytila')).toHaveValue('Hengittää vaivatta');
    await doc.getByRole('button', { name: 'Esitiedot' }).click();
    await expect(doc.getByLabel('Esitiedot')).toHaveValue('Kuumetta kaksi päivää, ei perussairauksia');
    await doc.getByRole('button', { name: 'Seuraava' }).click();

    await doc.getByLabel('Nykytila').fill('Hengittää vaivatta, puhuu kokonaisin lausein');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByLabel('Kiireellisyysluokka').selectOption('P5');
    await doc.getByLabel('Arvio').fill('Ei kiireellistä hoidon tarvetta');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    // Signing too early says what is missing.
    await doc.getByRole('button', { name: 'Tarkista ja allekirjoita' }).click();
    await doc.getByRole('button', { name: 'Allekirjoita', exact: true }).click();
    await expect(doc.getByTestId('doc-blockers')).toContainText('Suunnitelma puuttuu.');
    await expectAccessible(page);
    await doc.getByRole('button', { name: 'Suunnitelma', exact: true }).click();
    await doc.getByLabel('Suunnitelma', { exact: true }).selectOption('self-care');
    await doc.getByRole('radio', { name: 'Kyllä' }).check();
    await doc.getByLabel('Suunnitelma sanoin').fill('Omahoito-ohjeet kuumeeseen, lepo ja nesteet');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByLabel('Jatkohoito').fill('Ottaa yhteyttä, jos hengenahdistusta tai kuume yli 3 vrk');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    // A self-assessment is a non-real-time remote contact: THL R56, filled by the flow, in words.
    await expect(doc.getByTestId('care-record')).toContainText('THL:n yhteystapaEtäasiointi, ei reaaliaikainen (R56)');
    await expect(doc.getByTestId('care-record')).toContainText(
      'Käyntisyy (ICPC-2)Ylähengitystieinfektio (flunssa) (ICPC-2 R74)',
    );
    // The note reads as the record will: what was written under each heading.
    await expect(doc.getByTestId('note-review')).toContainText('Omahoito-ohjeet kuumeeseen, lepo ja nesteet');
    await expect(doc.getByTestId('note-review')).toContainText('Ei kiireellistä hoidon tarvetta');
    await doc.getByRole('button', { name: 'Allekirjoita', exact: true }).click();
    await expect(doc.getByTestId('doc-signed')).toBeVisible();
    // Self-care advice: the resident gets a printable summary.
    const download = page.waitForEvent('download');
    await doc.getByRole('button', { name: 'Tulosta yhteenveto asukkaalle (PDF)' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/^kaari-summary-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The backend holds the Encounter and Composition, valid FHIR R4, with every care-guarantee field.
    await expect
      .poll(
        async () =>
          (await staffGet<{ entry?: unknown[] }>(backend.url, '/fhir/Encounter?subject=Patient/resident-00005')).entry
            ?.length ?? 0,
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    const encounters = await staffGet<{ entry: { resource: Encounter }[] }>(
      backend.url,
      '/fhir/Encounter?subject=Patient/resident-00005',
    );
    const encounter = encounters.entry[0]!.resource;
    const record =
      encounter.extension?.find((e) => e.url === careGuaranteeExtension)?.extension?.map((e) => e.url) ?? [];
    expect(record).toEqual(
      expect.arrayContaining([
        'contactAt',
        'assessedAt',
        'professionalGroup',
        'urgency',
        'contactMode',
        'serviceType',
        'reasonCode',
        'careGivenInSameContact',
        'ruleVersion',
      ]),
    );
    const compositions = await staffGet<{ entry: { resource: Composition }[] }>(
      backend.url,
      `/fhir/Composition?encounter=Encounter/${encounter.id}`,
    );
    expect(compositions.entry[0]?.resource.section?.map((s) => s.title)).toEqual([
      'Tulosyy',
      'Esitiedot',
      'Nykytila',
      'Hoidon tarpeen arvio',
      'Suunnitelma',
      'Jatkohoito',
    ]);

    // A signed record is not edited: a correction is a new version, with its reason.
    await doc.getByLabel('Korjauksen syy').fill('Jatkohoito-ohje tarkentui');
    await doc.getByRole('button', { name: 'Korjaa kirjausta' }).click();
    await expect(doc.getByTestId('doc-correction')).toHaveText(
      'Korjaat allekirjoitettua kirjausta: Jatkohoito-ohje tarkentui',
    );
    await expectAccessible(page);
    await doc.getByRole('button', { name: 'Jatkohoito', exact: true }).click();
    await doc.getByLabel('Jatkohoito').fill('Ottaa heti yhteyttä, jos hengenahdistusta');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByRole('button', { name: 'Allekirjoita', exact: true }).click();
    await expect(doc.getByTestId('doc-signed')).toBeVisible();
    const compositionId = compositions.entry[0]!.resource.id;
    await expect
      .poll(async () => (await staffGet<Composition>(backend.url, `/fhir/Composition/${compositionId}`)).status, {
        timeout: 10_000,
      })
      .toBe('amended');
    const amended = await staffGet<Composition>(backend.url, `/fhir/Composition/${compositionId}`);
    expect(amended.meta?.versionId).toBe('2');
    expect(amended.section?.find((x) => x.title === 'Jatkohoito')?.text?.div).toContain('Ottaa heti yhteyttä');

    // Find it again: signed, the contact has left the queue; Recent contacts has it, by keyboard.
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('queue-row').filter({ hasText: reason })).toHaveCount(0);
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { name: 'Viimeaikaiset yhteydenotot', level: 1 })).toBeVisible();
    // Focus is in the list, on the newest: the one just signed.
    await expect(page.getByTestId('recent').getByRole('button').first()).toBeFocused();
    await expect(page.getByTestId('recent').getByRole('button').first()).toContainText(reason);
    await page.getByLabel('Hae asukkaan tai syyn mukaan').fill(reason);
    const found = page.getByTestId('recent').getByRole('button');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText('valmis');
    await expect(found).toContainText('allekirjoitettu');
    await page.keyboard.press('Tab');
    await expect(found).toBeFocused();
    await page.keyboard.press('Enter');
    // A closed contact found again is read, corrected or reprinted, not handed on.
    await expect(page.getByTestId('item-detail').getByRole('heading', { level: 2 })).toBeVisible();
    await expect(page.getByTestId('item-detail').getByRole('button', { name: 'Palauta jonoon' })).toHaveCount(0);
    await expect(page.getByTestId('item-detail').getByRole('button', { name: 'Ota hoitoon (c)' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Kirjaa' }).click();
    await expect(doc.getByTestId('doc-signed')).toBeVisible();
    await expect(doc.getByTestId('note-review')).toContainText('Ottaa heti yhteyttä, jos hengenahdistusta');
    await expectAccessible(page);
    const again = page.waitForEvent('download');
    await doc.getByRole('button', { name: 'Tulosta yhteenveto asukkaalle (PDF)' }).click();
    expect(
      readFileSync(await (await again).path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The resident reads the self-care plan she was given, as corrected, under headings in her language (Arabic, right to left).
    const resident = await (await browser.newContext()).newPage();
    const ar = residentCatalogs.ar;
    await residentSignIn(resident, backend, 'SYN-000005', 'ar');
    await resident.getByRole('button', { name: ar.home.carePlans }).click();
    await expect(resident.getByRole('heading', { name: ar.carePlans.heading, level: 1 })).toBeFocused();
    const plan = resident.getByRole('article');
    await expect(plan).toHaveCount(1);
    await expect(
      plan.getByRole('definition').filter({ hasText: 'Omahoito-ohjeet kuumeeseen, lepo ja nesteet' }),
    ).toBeVisible();
    await expect(plan.getByRole('term').filter({ hasText: ar.carePlans.advice })).toBeVisible();
    await expect(
      plan.getByRole('definition').filter({ hasText: 'Ottaa heti yhteyttä, jos hengenahdistusta' }),
    ).toBeVisible();
    await expect(plan.getByRole('definition').filter({ hasText: 'Aino Virtanen' })).toBeVisible();
    await expect(resident.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectAccessible(resident);
  } finally {
    await host.stop();
    await backend.stop();
  }
});
