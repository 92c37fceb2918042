import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PLX_MAX_BYTES, PLX_MAX_MB } from '../../contracts/curriculum.js';
import { PlxError, readPlxPlan, type PlxDocument, type PlxPlan, type PlxRow } from '../../domain/plx.js';

/** Bytes → text: UTF-16 LE with a BOM as «Планы» saves it; UTF-16 BE and UTF-8 are taken too. */
export function decodePlx(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2));
    le.swap16();
    return le.toString('utf16le');
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 2 && buf[0] === 0x3c && buf[1] === 0x00) return buf.toString('utf16le');
  return buf.toString('utf8');
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

/** Parses the file into its table rows; throws PlxError for anything that is not a whole .plx. */
export function parsePlxDocument(buf: Buffer, fileName: string): PlxDocument {
  if (buf.length > PLX_MAX_BYTES) throw new PlxError('too_large', `Файл больше ${PLX_MAX_MB} МБ — это не учебный план «Планов». Проверьте, что выбран нужный файл.`);
  if (!/\.plx$/i.test(fileName.trim())) throw new PlxError('not_plx', `«${fileName}» — не файл программы «Планы». Откройте учебный план в «Планах» и загрузите сохранённый файл с расширением .plx.`);
  const text = decodePlx(buf).replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (!head.startsWith('<')) throw new PlxError('not_plx', `Файл «${fileName}» — не XML: это не файл программы «Планы», хотя расширение .plx.`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new PlxError('corrupt', `Файл «${fileName}» повреждён или загружен не полностью (ошибка в строке ${valid.err.line}). Сохраните план в «Планах» заново и загрузите ещё раз.`);
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false, trimValues: true, htmlEntities: false });
  const tree = parser.parse(text) as Node[];
  const rootNode = tree.find((n) => Object.keys(n).some((k) => localName(k) === 'Документ'));
  if (!rootNode) throw new PlxError('not_plx', `В файле «${fileName}» нет учебного плана (элемента «Документ»): это не файл программы «Планы».`);
  const children = (n: Node): Node[] => {
    const k = Object.keys(n).find((x) => x !== ':@');
    return k && Array.isArray(n[k]) ? (n[k] as Node[]) : [];
  };
  const tag = (n: Node) => localName(Object.keys(n).find((x) => x !== ':@') ?? '');
  const diffgram = children(rootNode).find((n) => tag(n) === 'diffgram');
  const ds = diffgram ? children(diffgram).find((n) => tag(n) === 'dsMMISDB') : undefined;
  if (!ds) throw new PlxError('corrupt', `В файле «${fileName}» нет таблиц плана (diffgram/dsMMISDB): файл повреждён или сохранён не полностью.`);
  const tables: Record<string, PlxRow[]> = {};
  const collect = (nodes: Node[]) => {
    for (const n of nodes) {
      const name = tag(n);
      if (!name || name === '#text') continue;
      if (n[':@']) (tables[name] ??= []).push(n[':@']);
      collect(children(n));
    }
  };
  collect(children(ds));
  return { root: rootNode[':@'] ?? {}, tables };
}

export function readPlx(buf: Buffer, fileName: string): PlxPlan {
  return readPlxPlan(parsePlxDocument(buf, fileName));
}
