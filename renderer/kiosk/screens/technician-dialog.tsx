import './technician-dialog.css';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { handleModalKeys } from '../../ui/modal-keys';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../ui/i18n/locale-store';
import { TextField } from '../../ui/text-field';
import { diagnosticRows } from '../flow/technician-access';
import type { TechnicianState } from '../flow/technician-store';

/**
 * Issue 8 §6 — « Accès technicien », the kiosk shell's admin page, shown over the pupil's screen when the shell
 * reports the technician's chord: the diagnostics (`status()`), the admin code, « Quitter le poste », « Appairer
 * de nouveau », « Fermer ». A modal dialog inside the page (focus moves into it, Tab stays in it, Escape and
 * « Fermer » give focus back where it was): the page keeps the focus, so it is no focus loss of the test.
 */
export function TechnicianDialog({ store }: { store: StoreApi<TechnicianState> }) {
  const t = useTranslate();
  const { open, status, code, step, edit, quit, repair, close } = useStore(store);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLInputElement>('input')?.focus();
    return () => { if (before?.isConnected) before.focus(); };
  }, [open]);
  if (!open) return null;

  const busy = step.kind === 'sending' || step.kind === 'done';
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => handleModalKeys(event, dialog.current, close);

  return (
    <div className="technician-backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="technician-heading" aria-describedby="technician-intro"
        className="technician-dialog" onKeyDown={onKeyDown}>
        <h2 id="technician-heading">{t('technician.heading')}</h2>
        <p id="technician-intro">{t('technician.intro')}</p>
        <section aria-labelledby="technician-diagnostics">
          <h3 id="technician-diagnostics">{t('technician.diagnostics')}</h3>
          {status.kind === 'known'
            ? (
              <dl className="technician-diagnostics">
                {diagnosticRows(status.value).map((row) => (
                  <div key={row.label}>
                    <dt>{t(row.label)}</dt>
                    <dd>{'text' in row.value ? (row.code ? <code>{row.value.text}</code> : row.value.text) : t(row.value.key, row.value.params)}</dd>
                  </div>
                ))}
              </dl>
            )
            : <p>{status.kind === 'loading' ? t('technician.statusLoading') : t('technician.statusUnreadable')}</p>}
        </section>
        <form className="technician-form" noValidate onSubmit={(e) => { e.preventDefault(); void quit(); }}>
          <TextField label={t('technician.codeLabel')} hint={t('technician.codeHint')} type="password" autoComplete="off" maxLength={64}
            value={code} onValue={edit} disabled={busy} error={step.kind === 'refused' ? t(step.wording.key, step.wording.params) : undefined} />
          <p role="status" aria-live="polite">
            {step.kind === 'sending' && t('technician.sending')}
            {step.kind === 'done' && t(step.action === 'exit' ? 'technician.exiting' : 'technician.relaunching')}
          </p>
          {step.kind === 'refused' && <p role="alert" className="visually-hidden">{t(step.wording.key, step.wording.params)}</p>}
          <p className="hint-text">{t('technician.repairHint')}</p>
          <div className="technician-actions">
            <button type="submit" className="primary" disabled={busy}>{t('technician.quit')}</button>
            <button type="button" disabled={busy} onClick={() => void repair()}>{t('technician.repair')}</button>
            <button type="button" disabled={busy} onClick={close}>{t('technician.close')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
