import type { Composition } from '@medplum/fhirtypes';
import { startHost } from '../support/processes';
import { newSelfAssessment } from './support/contacts';
import { expect, expectAccessible, signIn, test } from './support/fixtures';

test('a nurse escalates with a note the doctor sees first; her co-sign request lands in his inbox, where he reads the whole note before he co-signs', async ({
  browser,
  backend,
  host,
}) => {
  test.setTimeout(120_000);
  const doctorHost = await startHost({ backendUrl: backend.url });
  try {
    const nurse = await (await browser.newContext()).newPage();
    const doctor = await (await browser.newContext()).newPage();
    await signIn(nurse, host.url, 'aino');
    await signIn(doctor, doctorHost.url, 'eero');

    // An escalation: the note is the first thing the doctor sees in the contact.
    const escalated = `Oirearvio: yskä ${Date.now()}`;
    await newSelfAssessment(backend.url, escalated, 'resident-00008');
    await nurse.getByTestId('queue-row').filter({ hasText: escalated }).click();
    await nurse.getByRole('button', { name: 'Ota hoitoon (c)' }).click();
    await expect(nurse.getByTestId('detail-holder')).toHaveText('Aino Virtanen');
    await nurse.getByLabel('Miksi tarvitaan lääkäriä').fill('Yskä jatkunut kolme viikkoa, tarvitaanko kuvaus?');
    await nurse.getByRole('button', { name: 'Siirrä lääkärille' }).click();
    await expect(nurse.getByTestId('detail-message')).toHaveText('Siirretty lääkärien jonoon.');
    await doctor.getByTestId('queue-row').filter({ hasText: escalated }).click({ timeout: 10_000 });
    const handover = doctor.getByTestId('handover-notes');
    await expect(handover).toContainText('Yskä jatkunut kolme viikkoa, tarvitaanko kuvaus?');
    await expect(handover).toContainText('Aino Virtanen');
    // At the top of the contact, above its facts.
    expect(
      await handover.evaluate(
        (el) => el.compareDocumentPosition(el.parentElement!.querySelector('dl')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    ).toBeTruthy();
    await doctor.getByRole('button', { name: 'Sulje' }).first().click();

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

    // The request lands in the doctor's inbox, counted in the navigation.
    await expect(doctor.getByTestId('inbox-count')).toContainText('1', { timeout: 10_000 });
    await doctor.getByRole('button', { name: /^Pyynnöt/ }).click();
    const request = doctor.getByTestId('inbox').getByRole('button').filter({ hasText: 'Riittääkö omahoito?' });
    await expect(request).toContainText('Vahvistus tai konsultaatio');
    await expectAccessible(doctor);
    await request.click();
    await doctor.getByRole('button', { name: 'Kirjaa' }).click();
    const answer = doctor.getByTestId('cosign-answer');
    await expect(answer).toContainText('Aino Virtanen pyytää vahvistustasi: Riittääkö omahoito?');
    // He reads what he signs: reason, assessment and plan as text, codes and times in words.
    const note = doctor.getByTestId('note-review');
    await expect(note).toContainText('Ylähengitystieinfektio (flunssa) (ICPC-2 R74)');
    await expect(note).toContainText('Korvakipua, ei kuumetta');
    await expect(note).toContainText('P5 – Viikon sisällä');
    await expect(note).toContainText('Ei kiireellinen');
    await expect(note).toContainText('Omahoito-ohje');
    await expect(note).toContainText('Kipulääke tarvittaessa');
    await expect(note).toContainText('Yhteys, jos ei helpota kolmessa päivässä');
    await expect(note).toContainText('Terveydenhuoltolaki');
    await expect(note).not.toContainText(/\d{4}-\d{2}-\d{2}T|hcl-\d{4}|\bnurse\b|\bR52\b(?!\))/);
    await expectAccessible(doctor);
    await answer.getByRole('button', { name: 'Vahvista ja allekirjoita' }).click();
    await expect(doctor.getByTestId('doc-signed')).toBeVisible();
    await expect(doctor.getByTestId('cosign-status')).toHaveText('Vahvistanut Eero Mäkinen.');

    // The backend holds the record written by the nurse and attested by the doctor.
    const login = await fetch(`${backend.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leena', password: 'kaari-demo', deviceId: 'e2e' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await expect
      .poll(
        async () => {
          const bundle = (await (
            await fetch(`${backend.url}/fhir/Composition?subject=Patient/resident-00007`, {
              headers: { authorization: `Bearer ${accessToken}` },
            })
          ).json()) as { entry?: { resource: Composition }[] };
          return (
            (bundle.entry ?? []).map((e) => e.resource).find((c) => c.attester?.length)?.attester?.[0]?.party
              ?.reference ?? null
          );
        },
        { timeout: 10_000 },
      )
      .toBe('Practitioner/staff-doctor-eero');
    await nurse.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  } finally {
    await doctorHost.stop();
  }
});
