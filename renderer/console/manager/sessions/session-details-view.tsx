import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Session } from '../../../../shared/formats/session';
import { localeStore, useTranslate } from '../../../ui/i18n/locale-store';
import { BoardDialog } from '../../screens/board-dialog';
import { FocusedButton } from './focus-on-show';
import { calendarDay, clockTime, STATUS_KEYS } from './session-facts';
import { SessionFormView } from './session-form-view';
import type { SessionPageState } from './session-page-store';

/** R-SESS-1 — the session's details as a list, « Modifier la session » (the same form as creation), « Supprimer la session » (asked first). */
export function SessionDetailsView({ session, store, editable, onDeleted }: {
  session: Session; store: StoreApi<SessionPageState>; editable: boolean; onDeleted(): void;
}) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const { editing, saved, deletion, startEditing, cancelEditing, askDelete, cancelDelete, confirmDelete } = useStore(store);
  const rows: [string, string][] = [
    [t('sessions.label.centre'), session.centre],
    [t('sessions.label.siteAddress'), session.siteAddress],
    [t('sessions.label.room'), session.room],
    [t('sessions.label.date'), calendarDay(session.date, locale)],
    [t('sessions.label.startTime'), clockTime(session.startTime, locale)],
    [t('sessions.label.invigilatorName'), session.invigilatorName],
    [t('sessions.label.description'), session.description ?? t('sessions.noDescription')],
    [t('sessions.label.maxLevel'), t('sessions.levelOption', { level: session.maxLevel })],
    [t('sessions.label.locale'), session.locale === 'fr' ? t('sessions.localeFr') : t('sessions.localeEn')],
    [t('sessions.accessCode'), session.accessCode],
    [t('sessions.col.status'), t(STATUS_KEYS[session.status])],
  ];
  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading" className="section-heading" tabIndex={-1}>{t('sessions.detailsHeading')}</h2>
      <div aria-live="polite" className="live-slot">{saved && <p className="ok-note">{t('sessions.saved')}</p>}</div>
      {editing ? (
        <SessionFormView editor={editing} submitLabel={t('sessions.saveChanges')} onCancel={cancelEditing} />
      ) : (
        <>
          <dl className="facts">
            {rows.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
          </dl>
          <p className="hint">{t('sessions.accessCodeHint')}</p>
          {editable ? (
            <div className="form-actions">
              <button type="button" id="session-edit" onClick={startEditing}>{t('sessions.edit')}</button>
              <button type="button" id="session-delete" className="danger" onClick={askDelete}>{t('sessions.delete')}</button>
            </div>
          ) : <p className="calm-note">{t('sessions.lockedNote')}</p>}
        </>
      )}
      {deletion.kind !== 'idle' && (
        <BoardDialog heading={t('sessions.deleteHeading', { number: session.number })} onClose={cancelDelete}
          returnTo={document.getElementById('session-delete')} fallbackId="details-heading">
          <p>{t('sessions.deleteExplain')}</p>
          {deletion.kind === 'refused' && <div role="alert" className="form-error"><p>{t(deletion.refusal.key, deletion.refusal.params)}</p></div>}
          <div className="dialog-actions">
            {deletion.kind !== 'refused' && (
              <button type="button" className="danger-strong" disabled={deletion.kind === 'sending'}
                onClick={() => void confirmDelete().then((deleted) => { if (deleted) onDeleted(); })}>{t('sessions.deleteConfirm', { number: session.number })}</button>
            )}
            {deletion.kind === 'refused'
              ? <FocusedButton onClick={cancelDelete}>{t('sessions.close')}</FocusedButton>
              : <button type="button" onClick={cancelDelete}>{t('sessions.cancel')}</button>}
          </div>
        </BoardDialog>
      )}
    </section>
  );
}
