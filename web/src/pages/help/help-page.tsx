import { Fragment, useEffect, useMemo, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import guide from '../../../../docs/guide.md?raw';
import { usePageTitle } from '../../page-title.js';
import { parseMarkdown, type Inline } from './markdown.js';

// The user guide (docs/guide.md), served by the app itself: each page's «Справка» opens its section.

function inline(parts: Inline[]): ReactNode {
  return parts.map((p, i) => {
    if (p.kind === 'strong') return <strong key={i}>{p.text}</strong>;
    if (p.kind === 'code') return <code key={i}>{p.text}</code>;
    if (p.kind === 'link')
      return p.href.startsWith('/') ? (
        <Link key={i} to={p.href}>
          {p.text}
        </Link>
      ) : (
        <a key={i} href={p.href}>
          {p.text}
        </a>
      );
    return <Fragment key={i}>{p.text}</Fragment>;
  });
}

export function HelpPage() {
  usePageTitle('Справка', null);
  const blocks = useMemo(() => parseMarkdown(guide), []);
  const { hash } = useLocation();
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash]);
  const toc = blocks.filter((b) => b.kind === 'heading' && b.level === 2 && b.id);
  return (
    <article className="help">
      <nav aria-label="Разделы справки" className="help-toc">
        <details open={!hash}>
          <summary>Разделы справки</summary>
          <ul>
            {toc.map(
              (b) =>
                b.kind === 'heading' && (
                  <li key={b.id}>
                    <Link to={`#${b.id}`}>{b.plain}</Link>
                  </li>
                ),
            )}
          </ul>
        </details>
      </nav>
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          const H = `h${b.level}` as 'h1';
          return (
            <H key={i} id={b.id ?? undefined} tabIndex={b.id ? -1 : undefined}>
              {inline(b.text)}
            </H>
          );
        }
        if (b.kind === 'paragraph') return <p key={i}>{inline(b.text)}</p>;
        const L = b.ordered ? 'ol' : 'ul';
        return (
          <L key={i}>
            {b.items.map((it, j) => (
              <li key={j}>{inline(it)}</li>
            ))}
          </L>
        );
      })}
    </article>
  );
}
