import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { careGuaranteeRules } from '../../shared/care-guarantee/rules';
import { questionnaires } from '../../shared/self-assessment/questionnaires';
import { expect, signIn, test } from './support/fixtures';
import { residentToken } from './support/resident';

// Machine text no clinician should read: ISO timestamps, care-guarantee rule ids, triage rule ids.
const ruleIds = [
  ...careGuaranteeRules.map((r) => r.id),
  ...Object.values(questionnaires).flatMap((q) => q.rules.map((r) => r.id)),
].filter((id) => /[-\d]/.test(id));
const machineText = new RegExp(
  `\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|\\b(${ruleIds.map((id) => id.replace(/[-]/g, '\\-')).join('|')})\\b`,
);

async function expectWords(page: Page, where: string) {
  const text = await page.locator('body').innerText();
  expect(text.match(machineText)?.[0] ?? null, `${where}: machine text on screen`).toBeNull();
}

test('every view reads in words in Swedish and English: no ISO timestamps, no rule ids', async ({
  page,
  host,
  backend,
}) => {
  test.setTimeout(120_000);
  // A self-assessment whose reason is stored as codes (the questionnaire and its rule ids).
  const token = await residentToken(backend, 'SYN-000041');
  const answers = {
    'breathing-difficulty': false,
    confusion: false,
    'chest-pain': false,
    cough: true,
    'sore-throat': true,
    'risk-group': true,
    temperature: 38.6,
  };
  const sent = await fetch(`${backend.url}/resident/api/self-assessments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ requestId: randomUUID(), questionnaire: 'respiratory-infection', language: 'sv', answers }),
  });
  const { taskId } = (await sent.json()) as { taskId: string };

  await signIn(page, host.url, 'bjorn');
  const languages = [
    {
      name: 'Svenska',
      views: ['Kö', 'Förfrågningar', 'Översikt', 'Svarsmallar', 'Synkronisering', 'Inställningar'],
      reason: 'Luftvägsinfektion: feber i riskgrupp, feber',
      claim: 'Ta kontakten (c)',
      document: 'Dokumentera',
      release: 'Lämna tillbaka',
    },
    {
      name: 'English',
      views: ['Queue', 'Requests', 'Overview', 'Templates', 'Sync', 'Settings'],
      reason: 'Respiratory infection: fever in a risk group, fever',
      claim: 'Claim (c)',
      document: 'Document',
      release: 'Release',
    },
  ];
  for (const [i, language] of languages.entries()) {
    // Whatever language an earlier test left this user in.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^(Asetukset|Inställningar|Settings)$/ })
      .click();
    await page.getByRole('radio', { name: language.name }).check();
    for (const view of language.views) {
      await page
        .getByRole('navigation')
        .getByRole('button', { name: new RegExp(`^${view}`) })
        .click();
      await expect(page.locator('h1')).toBeFocused();
      await expectWords(page, `${language.name} ${view}`);
    }
    // The queue with the contact open, its documentation and the resident's context.
    await page.getByRole('navigation').getByRole('button', { name: language.views[0], exact: true }).click();
    const row = page.locator(`[data-item-id="${taskId}"]`);
    await expect(row).toContainText(language.reason);
    await row.click();
    if (i === 0) await page.getByRole('button', { name: language.claim }).click();
    await page.getByRole('button', { name: language.document, exact: true }).click();
    await expect(page.getByTestId('documentation')).toBeVisible();
    await expect(page.getByTestId('item-detail')).toContainText(language.reason);
    await expectWords(page, `${language.name} contact`);
  }
  await page.getByRole('button', { name: 'Release', exact: true }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('radio', { name: 'Suomi' }).check();
});
