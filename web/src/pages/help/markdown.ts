// The small part of Markdown the user guide uses: headings with an anchor («## Журнал {#teacher-grid}»),
// paragraphs, bulleted and numbered lists, **bold**, `code` and [links](/path). Parsed into a tree
// that React renders as elements: no HTML from the text reaches the page.

export type Inline = { kind: 'text' | 'strong' | 'code'; text: string } | { kind: 'link'; text: string; href: string };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; id: string | null; text: Inline[]; plain: string }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: s.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'strong', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'code', text: m[2] });
    else out.push({ kind: 'link', text: m[3], href: m[4] });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}

export function parseMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    para = [];
    list = null;
  };
  for (const raw of md.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const h = /^(#{1,4})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?$/.exec(line);
    const item = /^\s*(?:([-*])|(\d+)\.)\s+(.*)$/.exec(line);
    if (h) {
      flush();
      blocks.push({
        kind: 'heading',
        level: h[1].length as 1 | 2 | 3 | 4,
        id: h[3] ?? null,
        text: parseInline(h[2]),
        plain: h[2].replace(/\*\*|`/g, ''),
      });
    } else if (!line.trim()) {
      flush();
    } else if (item) {
      const ordered = !!item[2];
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[3]);
    } else if (list && /^\s+/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The anchors the guide defines: «{#id}» after a heading. */
export const anchorsOf = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'heading' && b.id ? [b.id] : []));
