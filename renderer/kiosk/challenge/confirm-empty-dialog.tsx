import { useEffect, useRef, type KeyboardEvent } from 'react';
import { handleModalKeys } from '../../ui/modal-keys';
import { useTranslate } from '../../ui/i18n/locale-store';

interface ConfirmEmptyDialogProps {
  keeping: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * « Je valide » on an empty answer: an alert dialog (modal: the question behind it is inert). Focus moves to
 * « Revenir à la question » (the safe choice), Tab stays inside, Escape cancels; the caller gives focus back.
 */
export function ConfirmEmptyDialog({ keeping, onConfirm, onCancel }: ConfirmEmptyDialogProps) {
  const t = useTranslate();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => { cancel.current?.focus(); }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => handleModalKeys(event, dialog.current, onCancel, 'button:not([disabled])');

  return (
    <div className="challenge-dialog-backdrop">
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="challenge-confirm-heading"
        aria-describedby="challenge-confirm-body"
        className="challenge-dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id="challenge-confirm-heading">{t('challenge.confirmHeading')}</h2>
        <p id="challenge-confirm-body">{t('challenge.confirmBody')}</p>
        <div className="challenge-actions">
          <button ref={cancel} type="button" className="primary" disabled={keeping} onClick={onCancel}>{t('challenge.confirmCancel')}</button>
          <button type="button" disabled={keeping} onClick={onConfirm}>{t('challenge.confirmSubmit')}</button>
        </div>
      </div>
    </div>
  );
}
