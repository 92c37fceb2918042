// What may be attached to a message (issue 14 item 9): documents and pictures people send a college,
// checked by the name's extension and by the file's first bytes, so a renamed program is refused.

const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // docx, xlsx, odt, ods
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // doc, xls

interface Kind {
  type: string;
  magic?: number[];
}

export const ATTACHMENT_KINDS: Record<string, Kind> = {
  pdf: { type: 'application/pdf', magic: PDF },
  png: { type: 'image/png', magic: PNG },
  jpg: { type: 'image/jpeg', magic: JPEG },
  jpeg: { type: 'image/jpeg', magic: JPEG },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  odt: { type: 'application/vnd.oasis.opendocument.text', magic: ZIP },
  ods: { type: 'application/vnd.oasis.opendocument.spreadsheet', magic: ZIP },
  doc: { type: 'application/msword', magic: OLE },
  xls: { type: 'application/vnd.ms-excel', magic: OLE },
  txt: { type: 'text/plain' },
};

/** «PDF, PNG, JPG, …» for the form's hint and the refusal. */
export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_KINDS)
  .filter((e) => e !== 'jpeg')
  .map((e) => e.toUpperCase())
  .join(', ');

/** The content type a file is stored and served with, or the reason it is refused. */
export function attachmentType(fileName: string, bytes: Uint8Array): { type: string } | { error: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = ATTACHMENT_KINDS[ext];
  if (!kind) return { error: `Файл «${fileName}» нельзя приложить: подходят ${ATTACHMENT_EXTENSIONS}.` };
  if (kind.magic && !kind.magic.every((b, i) => bytes[i] === b))
    return { error: `Файл «${fileName}» не похож на ${ext.toUpperCase()}: его содержимое другого типа.` };
  if (!kind.magic && bytes.subarray(0, 4096).includes(0)) return { error: `Файл «${fileName}» не похож на текст.` };
  return { type: kind.type };
}
