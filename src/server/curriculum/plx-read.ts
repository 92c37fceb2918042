import { XMLValidator } from 'fast-xml-parser';
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

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (v: string) =>
  v.indexOf('&') < 0
    ? v
    : v.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
          : (ENTITIES[e] ?? m),
      );

const TAG = /<(\/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses the file into its table rows; throws PlxError for anything that is not a whole .plx.
 * A .plx is a flat list of attribute-only rows, so one pass of a tag scanner reads it and proves it
 * well-formed (every element closed, nothing but rows) about ten times faster than a general XML
 * parser (decision 020); fast-xml-parser's validator then names the line of a broken file.
 */
export function parsePlxDocument(buf: Buffer, fileName: string): PlxDocument {
  if (buf.length > PLX_MAX_BYTES)
    throw new PlxError('too_large', `Файл больше ${PLX_MAX_MB} МБ — это не учебный план «Планов». Проверьте, что выбран нужный файл.`);
  if (!/\.plx$/i.test(fileName.trim()))
    throw new PlxError(
      'not_plx',
      `«${fileName}» — не файл программы «Планы». Откройте учебный план в «Планах» и загрузите сохранённый файл с расширением .plx.`,
    );
  const raw = decodePlx(buf).replace(/^\uFEFF/, '');
  if (!raw.trimStart().startsWith('<'))
    throw new PlxError('not_plx', `Файл «${fileName}» — не XML: это не файл программы «Планы», хотя расширение .plx.`);
  const text = raw.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  const corrupt = () => {
    const v = XMLValidator.validate(raw);
    const where = v === true ? '' : ` (ошибка в строке ${v.err.line})`;
    return new PlxError(
      'corrupt',
      `Файл «${fileName}» повреждён или загружен не полностью${where}. Сохраните план в «Планах» заново и загрузите ещё раз.`,
    );
  };
  const stack: string[] = [];
  const tables: Record<string, PlxRow[]> = {};
  let root: PlxRow | null = null;
  let inData = 0;
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    if (text.slice(last, m.index).trim()) throw corrupt();
    last = TAG.lastIndex;
    const name = localName(m[2]);
    if (m[1]) {
      if (stack.pop() !== m[2]) throw corrupt();
      if (inData && stack.length < inData) inData = 0;
      continue;
    }
    const attrs: PlxRow = {};
    if (m[3]) for (const a of m[3].matchAll(ATTR)) attrs[a[1]] = unescape(a[2] ?? a[3] ?? '');
    if (!root) {
      if (name !== 'Документ')
        throw new PlxError('not_plx', `В файле «${fileName}» нет учебного плана (элемента «Документ»): это не файл программы «Планы».`);
      root = attrs;
    } else if (inData) {
      (tables[name] ??= []).push(attrs);
    } else if (name === 'dsMMISDB' && stack.length === 2 && localName(stack[1]) === 'diffgram') {
      inData = stack.length + 1;
    }
    if (!m[4]) stack.push(m[2]);
  }
  if (!root || stack.length || text.slice(last).trim()) throw corrupt();
  if (!Object.keys(tables).length)
    throw new PlxError('corrupt', `В файле «${fileName}» нет таблиц плана (diffgram/dsMMISDB): файл повреждён или сохранён не полностью.`);
  return { root, tables };
}

export function readPlx(buf: Buffer, fileName: string): PlxPlan {
  return readPlxPlan(parsePlxDocument(buf, fileName));
}
