import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

// Printing (п. 2.5) and Excel, which colleges live in: one place to make PDF and XLSX files.

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** An A4 PDF with a Cyrillic font registered as 'regular' and 'bold'. */
export function createPdf(opts: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 36, ...opts });
  doc.registerFont('regular', join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  doc.font('regular');
  return doc;
}

/** Ends the document and collects it into a buffer. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

// Text that a spreadsheet program would take for a formula once the cell is edited, or the file
// saved as CSV and opened again (formula injection). A sign followed only by digits, spaces,
// brackets, dots and hyphens (a phone, a negative number, a dash) can run nothing and stays as is.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LIKE = /^[+-][\d\s().-]*$/;

/** Text safe to put in a spreadsheet cell: a would-be formula gets a leading apostrophe. */
export function spreadsheetText(s: string): string {
  return FORMULA_START.test(s) && !NUMBER_LIKE.test(s) ? `'${s}` : s;
}

/** The original text of a cell written by spreadsheetText (imports read back our exports). */
export function fromSpreadsheetText(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) && !NUMBER_LIKE.test(s.slice(1)) ? s.slice(1) : s;
}

/** Every XLSX export ends here: no text cell of the file can be taken for a formula. */
export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const safe = spreadsheetText(v);
          if (safe !== v) cell.value = safe;
        } else if (v && typeof v === 'object' && 'richText' in v && v.richText.length) {
          const text = v.richText.map((r) => r.text).join('');
          if (spreadsheetText(text) === text) return;
          cell.value = { richText: [{ ...v.richText[0], text: `'${v.richText[0].text}` }, ...v.richText.slice(1)] };
        }
      }),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** Sends a file download with a Russian file name (RFC 5987); a stream is sent as it comes, never held whole. */
export function sendDownload(reply: FastifyReply, body: Buffer | Readable, fileName: string, type: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

export { ExcelJS };
