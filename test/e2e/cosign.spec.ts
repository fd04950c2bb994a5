import type { Composition } from '@medplum/fhirtypes';
import { startHost } from '../support/processes';
import { newSelfAssessment } from './support/contacts';
import { expect, expectAccessible, signIn, test } from './support/fixtures';

test('a nurse asks a doctor to co-sign; the draft appears in the doctor’s queue with its note, and the doctor co-signs it', async ({ browser, backend, host }) => {
  test.setTimeout(120_000);
  const doctorHost = await startHost({ backendUrl: backend.url });
  try {
    const nurse = await (await browser.newContext()).newPage();
    const doctor = await (await browser.newContext()).newPage();
    await signIn(nurse, host.url, 'aino');
    await signIn(doctor, doctorHost.url, 'eero');

    const reason = `Oirearvio: korvakipu ${Date.now()}`;
    await newSelfAssessment(backend.url, reason, 'resident-00007');
    await nurse.getByTestId('queue-row').filter({ hasText: reason }).click();
    await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    await expect(nurse.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
    await nurse.getByRole('button', { name: 'Kirjaa' }).click();
    const doc = nurse.getByTestId('documentation');
    await doc.getByRole('searchbox', { name: /Hae käyntisyy/ }).fill('R74');
    await doc.getByRole('button', { name: /^R74 Ylähengitystieinfektio/ }).click();
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByRole('button', { name: 'Seuraava' }).click(); // history came from the self-assessment
    await doc.getByLabel('Nykytila').fill('Korvakipua, ei kuumetta');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByLabel('Kiireellisyysluokka').selectOption('P5');
    await doc.getByLabel('Arvio').fill('Ei kiireellinen');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByLabel('Suunnitelma', { exact: true }).selectOption('self-care');
    await doc.getByRole('radio', { name: 'Kyllä' }).check();
    await doc.getByLabel('Suunnitelma sanoin').fill('Kipulääke tarvittaessa');
    await doc.getByRole('button', { name: 'Seuraava' }).click();
    await doc.getByLabel('Jatkohoito').fill('Yhteys, jos ei helpota kolmessa päivässä');
    await doc.getByRole('button', { name: 'Seuraava' }).click();

    await doc.getByLabel('Pyydä vahvistus').selectOption({ label: 'Eero Mäkinen (Lääkäri)' });
    await doc.getByLabel('Viesti vahvistajalle').fill('Riittääkö omahoito?');
    await expectAccessible(nurse);
    await doc.getByRole('button', { name: 'Lähetä vahvistettavaksi' }).click();
    await expect(doc.getByTestId('cosign-status')).toHaveText('Odottaa vahvistusta: Eero Mäkinen.');

    // The doctor's queue: a consultation held by him, carrying the nurse's draft.
    const request = doctor.getByTestId('queue-row').filter({ hasText: 'Riittääkö omahoito?' });
    await expect(request).toBeVisible({ timeout: 10_000 });
    await expect(request).toContainText('Konsultaatio');
    await request.click();
    await doctor.getByRole('button', { name: 'Kirjaa' }).click();
    const answer = doctor.getByTestId('cosign-answer');
    await expect(answer).toContainText('Aino Virtanen pyytää vahvistustasi: Riittääkö omahoito?');
    await expectAccessible(doctor);
    await answer.getByRole('button', { name: 'Vahvista ja allekirjoita' }).click();
    await expect(doctor.getByTestId('doc-signed')).toBeVisible();
    await expect(doctor.getByTestId('cosign-status')).toHaveText('Vahvistanut Eero Mäkinen.');

    // The backend holds the record written by the nurse and attested by the doctor.
    const login = await fetch(`${backend.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId: 'e2e' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await expect
      .poll(async () => {
        const bundle = (await (await fetch(`${backend.url}/fhir/Composition?subject=Patient/resident-00007`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { entry?: { resource: Composition }[] };
        return (bundle.entry ?? []).map((e) => e.resource).find((c) => c.attester?.length)?.attester?.[0]?.party?.reference ?? null;
      }, { timeout: 10_000 })
      .toBe('Practitioner/staff-doctor-eero');
    await nurse.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  } finally {
    await doctorHost.stop();
  }
});
