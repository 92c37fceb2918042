import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_SECTIONS } from '../../page-title.js';
import { anchorsOf, parseInline, parseMarkdown } from './markdown.js';

describe('the guide’s Markdown', () => {
  it('parses headings with anchors, paragraphs and lists', () => {
    const blocks = parseMarkdown(
      '# Руководство\n\nВход по **логину**.\nВторая строка.\n\n## Журнал {#teacher-grid}\n- Наберите `5`;\n  продолжение.\n- [Справка](/help#start)\n1. Первый\n2. Второй\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, id: null, text: [{ kind: 'text', text: 'Руководство' }], plain: 'Руководство' },
      {
        kind: 'paragraph',
        text: [
          { kind: 'text', text: 'Вход по ' },
          { kind: 'strong', text: 'логину' },
          { kind: 'text', text: '. Вторая строка.' },
        ],
      },
      { kind: 'heading', level: 2, id: 'teacher-grid', text: [{ kind: 'text', text: 'Журнал' }], plain: 'Журнал' },
      {
        kind: 'list',
        ordered: false,
        items: [parseInline('Наберите `5`; продолжение.'), [{ kind: 'link', text: 'Справка', href: '/help#start' }]],
      },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'Первый' }], [{ kind: 'text', text: 'Второй' }]] },
    ]);
  });
});

describe('the user guide (docs/guide.md)', () => {
  const guide = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'guide.md'), 'utf8');
  const anchors = anchorsOf(parseMarkdown(guide));
  it('has a section for every page’s help link, each once', () => {
    expect(HELP_SECTIONS.filter((s) => !anchors.includes(s))).toEqual([]);
    expect(anchors.length).toBe(new Set(anchors).size);
  });
  it('covers the daily work of every role', () => {
    for (const role of [
      'Преподаватель',
      'Куратор',
      'Заведующая УМС',
      'Заместитель директора',
      'Директор',
      'Председатель ПЦК',
      'Специалист',
      'Администратор',
      'Обучающийся',
      'Родитель',
    ]) {
      expect(guide, role).toMatch(new RegExp(`^#{2,3} .*${role}`, 'mi'));
    }
  });
});

describe('every page names itself', () => {
  it('each page component sets its title and help section with usePageTitle', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const root = join(import.meta.dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.tsx') ? [join(dir, f)] : [],
      );
    const missing: string[] = [];
    for (const f of files(root)) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/^export function (\w+Page)\([^]*?^}/gm))
        if (!m[0].includes('usePageTitle(')) missing.push(`${f.slice(root.length + 1)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
