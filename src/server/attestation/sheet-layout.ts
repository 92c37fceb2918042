import type { ExcelJS } from '../platform/documents.js';

// The layout of a grade sheet on paper and in Excel — a title block over a ruled grid — shared by
// the ведомость (attestation/documents) and the performance report with the сводная ведомость
// (control/performance-documents).

export const THIN_BORDER = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as const;

/** The organization above, the title in bold, then centred lines. */
export function pdfTitle(doc: PDFKit.PDFDocument, orgName: string, title: string, lines: string[], gap = 0.5) {
  doc.font('regular').fontSize(9).text(orgName, { align: 'center' });
  doc.moveDown(gap).font('bold').fontSize(13).text(title, { align: 'center' });
  doc.font('regular').fontSize(10);
  for (const l of lines) doc.text(l, { align: 'center' });
}

export interface PdfGridStyle {
  widths: number[];
  rowHeight: number;
  fontSize: number;
  /** Inner padding: left and top. */
  pad: [number, number];
  /** The column written from the left (a name); the others are centred. */
  textColumn: number;
  /** Space kept free at the bottom of a page (for signatures). */
  reserve?: number;
  /** The head's height, its titles wrapped within it; without it the head is one line, cut with «…». */
  headHeight?: number;
}

/** A ruled table: the head in bold, then the rows, a new page when one does not fit. */
export function pdfGrid(doc: PDFKit.PDFDocument, head: string[], body: string[][], s: PdfGridStyle) {
  const left = doc.page.margins.left;
  const draw = (cells: string[], bold: boolean, h = s.rowHeight, wrap = false) => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom - (s.reserve ?? 0)) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'bold' : 'regular').fontSize(s.fontSize);
    cells.forEach((c, i) => {
      doc.rect(x, y, s.widths[i], h).stroke('#666');
      doc.text(c, x + s.pad[0], y + s.pad[1], {
        width: s.widths[i] - 2 * s.pad[0],
        height: h - 2 * s.pad[0],
        align: i === s.textColumn ? 'left' : 'center',
        ellipsis: true,
        lineBreak: wrap,
      });
      x += s.widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  draw(head, true, s.headHeight ?? s.rowHeight, s.headHeight !== undefined);
  for (const r of body) draw(r, false);
}

/** A ruled table in a worksheet: the head in bold; the other columns centred unless `textColumn` says which one is not. */
export function xlsxGrid(ws: ExcelJS.Worksheet, head: string[], body: (string | number | null)[][], opts: { textColumn?: number } = {}) {
  const h = ws.addRow(head);
  h.font = { bold: true };
  const rows = body.map((b) => ws.addRow(b));
  for (const r of [h, ...rows]) {
    for (let c = 1; c <= head.length; c++) {
      r.getCell(c).border = THIN_BORDER;
      if (opts.textColumn !== undefined && c !== opts.textColumn) r.getCell(c).alignment = { horizontal: 'center' };
    }
  }
  return rows;
}
