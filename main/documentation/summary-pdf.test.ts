import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { residentSummary } from '../../shared/documentation/resident-summary';
import type { DraftView } from '../../shared/documentation/view';
import { summaryPdf } from './summary-pdf';

const signed = (planKind: 'self-care' | 'appointment'): DraftView => ({
  id: 'd',
  kind: 'care-need-assessment',
  taskId: 't',
  residentId: 'r',
  author: { id: 'a', name: 'Aino Virtanen', profession: 'nurse' },
  state: 'signed',
  step: 'review',
  steps: ['reason', 'review'],
  assessedAt: '2026-11-24T09:00:00Z',
  blockers: [],
  blockedBy: [],
  record: null,
  history: [],
  cosign: null,
  fields: {
    reasonText: 'Kuume ja yskä',
    planKind,
    planText: 'Lepo, nesteitä ja kuumelääke tarvittaessa 😷',
    followUp: 'Jos hengenahdistusta, ota yhteyttä heti.',
  },
  correction: null,
  signed: { at: '2026-11-24T09:30:00Z', by: { id: 'a', name: 'Aino Virtanen', profession: 'nurse' } },
});

/** The text the pages draw: content streams inflated, hex strings decoded as WinAnsi (Latin-1 here). */
function drawnText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  return streams
    .join('\n')
    .replace(/<([0-9A-Fa-f]+)>/g, (_, hex: string) => Buffer.from(hex, 'hex').toString('latin1'));
}

describe('printable summary for the resident', () => {
  it('is made only for a signed record whose plan is self-care', () => {
    expect(residentSummary(signed('appointment'), 'fi')).toBeNull();
    expect(residentSummary({ ...signed('self-care'), state: 'draft' }, 'fi')).toBeNull();
  });

  it('is a one-page A4 PDF in the language of the resident, with the advice, when to come back, and 112', async () => {
    const content = residentSummary(signed('self-care'), 'sv')!;
    const bytes = await summaryPdf(content);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Sammanfattning av din kontakt');
    const text = drawnText(bytes);
    for (const expected of [
      'Egenvårdsråd',
      'Lepo, nesteitä ja kuumelääke tarvittaessa ?',
      'När du ska kontakta oss igen',
      'I nödsituationer, ring 112.',
      'Aino Virtanen',
    ])
      expect(text).toContain(expected);
  });

  it('falls back to Finnish for a language it cannot print', () => {
    expect(residentSummary(signed('self-care'), 'ar')?.title).toBe('Yhteenveto yhteydenotostasi');
  });
});
