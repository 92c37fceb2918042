import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round inside the dialog: the page under it is out of reach until it closes. */
function trapTab(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== 'Tab') return;
  const all = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.offsetParent !== null || el === document.activeElement,
  );
  if (!all.length) return;
  const first = all[0];
  const last = all[all.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !e.currentTarget.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * The focus goes back to the control that opened the dialog. That control may be gone, now or when the
 * page refreshes after what the dialog did (a revoked row loses its «Отозвать»): then the page's
 * content takes the focus instead of the document's body.
 */
function returnFocus(prev: HTMLElement | null) {
  const main = () => document.getElementById('main')?.focus();
  if (!prev?.isConnected) return main();
  prev.focus();
  const watch = new MutationObserver(() => {
    if (prev.isConnected) return;
    watch.disconnect();
    if (document.activeElement === document.body || document.activeElement === null) main();
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), 10_000);
}

/**
 * A dialog over the page: the focus goes to its first field (to type a reason at once), or to «×»
 * when it only asks to confirm (Enter must not confirm a deletion unseen); it stays inside while the
 * dialog is open and goes back where it was when it closes. Escape and a click outside close it.
 */
export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const field = ref.current?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])',
    );
    (field ?? ref.current?.querySelector<HTMLElement>('button'))?.focus();
    return () => returnFocus(prev);
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else trapTab(e);
        }}
      >
        <div className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="secondary" onClick={onClose} aria-label="Закрыть">
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
