import { useState } from 'react';
import { readDrafts, writeDrafts } from '../../unsaved.js';

// A message typed and not yet sent stays in this browser for its user (decision 017): on every
// keystroke in localStorage, removed once the server has the message.
const STORE = 'messages';

export function useDraft(key: string) {
  const [text, setText] = useState(() => readDrafts<{ text: string }>(STORE)[key]?.text ?? '');
  const update = (value: string) => {
    setText(value);
    const all = readDrafts<{ text: string; path: string }>(STORE);
    if (value.trim()) all[key] = { text: value, path: location.pathname + location.search };
    else delete all[key];
    writeDrafts(STORE, all);
  };
  return { text, setText: update, clear: () => update('') };
}
