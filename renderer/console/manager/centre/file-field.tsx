import { useId } from 'react';

/**
 * A labelled file input with its hint and error tied to it (`aria-describedby`, `aria-invalid`), as `TextField`
 * is for text. `resetKey` changes to empty it (after an import).
 */
export function FileField({ label, hint, error, accept, onFile, resetKey }: {
  label: string; hint?: string | undefined; error?: string | undefined; accept: string; onFile(file: File | null): void; resetKey?: number;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field file-field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      <input key={resetKey} id={id} type="file" accept={accept} onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        aria-invalid={error ? true : undefined} aria-describedby={described || undefined} />
    </div>
  );
}
