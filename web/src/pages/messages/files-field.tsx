import { useId } from 'react';
import { limitText, MESSAGE_FILES_MAX, UPLOAD_LIMITS } from '../../../../src/contracts/limits.js';
import { ATTACHMENT_EXTENSIONS } from '../../../../src/domain/attachments.js';
import { fileToBase64 } from '../../ui/files.js';

export type Attached = { fileName: string; contentBase64: string };

/** Files to attach: up to three, of the kinds the server takes; the limits are the server's. */
export function FilesField({ value, onChange, error }: { value: Attached[]; onChange(v: Attached[]): void; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>Файлы</label>
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={async (e) => {
          const list = [...(e.target.files ?? [])].slice(0, MESSAGE_FILES_MAX);
          onChange(await Promise.all(list.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) }))));
        }}
      />
      <div className="muted small" id={`${id}-hint`}>
        {ATTACHMENT_EXTENSIONS}; не больше трёх файлов, вместе {limitText(UPLOAD_LIMITS.messageFiles)}
        {value.length ? ` · выбрано: ${value.map((f) => f.fileName).join(', ')}` : ''}
      </div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** The first field error about the files («files», «files.0.fileName» …). */
export const filesError = (fields: Record<string, string>) => Object.entries(fields).find(([k]) => k.startsWith('files'))?.[1];
