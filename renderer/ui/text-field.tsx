import { useId, type InputHTMLAttributes } from 'react';

/**
 * A labelled text input with an optional hint and error, both tied to it (`aria-describedby`), the error also
 * as `aria-invalid`. What the user types is a React value: rendered as text, never as HTML.
 */
export function TextField({ label, hint, error, value, onValue, className, ...input }: {
  label: string; hint?: string | undefined; error?: string | undefined; value: string; onValue(value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`} data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      <input id={id} value={value} onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...input} />
    </div>
  );
}
