import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { SummaryContent } from '../../shared/documentation/resident-summary';

const margin = 56;
const width = 595; // A4 in points
const height = 842;

/** The resident's printable summary as a PDF (A4, Helvetica: Latin-1 covers fi, sv, en). */
export async function summaryPdf(content: SummaryContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(content.title);
  pdf.setLanguage(content.language);
  pdf.setProducer('Kaari');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([width, height]);
  let y = height - margin;
  const write = (raw: string, size: number, font = regular) => {
    const text = printable(raw);
    for (const line of wrap(text, (s) => font.widthOfTextAtSize(s, size), width - 2 * margin)) {
      if (y < margin + size) {
        page = pdf.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.12) });
      y -= size * 1.4;
    }
  };
  write(content.title, 20, bold);
  y -= 8;
  for (const { heading, text } of content.lines) {
    write(heading, 12, bold);
    write(text || '—', 11);
    y -= 6;
  }
  y -= 10;
  write(content.footer, 12, bold);
  return pdf.save();
}

/** Greedy word wrap by measured width; explicit line breaks kept. */
function wrap(text: string, measure: (s: string) => number, max: number): string[] {
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (measure(next) > max && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
    return lines;
  });
}

/** The standard fonts encode WinAnsi only: anything else (emoji, other scripts) prints as "?" rather than failing. */
const printable = (s: string) =>
  s.replace(/[^\n\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/gu, '?');
