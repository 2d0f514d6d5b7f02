import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { localeStore, useTranslate } from '../../../ui/i18n/locale-store';
import { BoardDialog } from '../../screens/board-dialog';
import { FocusedButton } from './focus-on-show';
import { CandidateFormView } from './candidate-form-view';
import type { CandidatesState } from './candidates-store';
import { RosterImportView } from './roster-import-view';
import { birthplaceParams, calendarDay } from './session-facts';

/**
 * R-SESS-3 — the session's candidates: a table (name, sex, birth date and place, pupil id, extra time,
 * accessibility adjustment), « Modifier » and « Retirer » named with the pupil, « Ajouter un candidat », the
 * roster import. Names are text as typed (never HTML).
 */
export function CandidatesSection({ store, editable }: { store: StoreApi<CandidatesState>; editable: boolean }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const { list, editor, done, removal, startAdding, startEditing, askRemove, cancelRemove, confirmRemove } = useStore(store);
  const count = list.kind === 'loaded' ? list.candidates.length : null;
  return (
    <section className="panel" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading" className="section-heading" tabIndex={-1}>{count === null ? t('sessions.candidatesHeading') : t('sessions.candidatesHeadingCount', { count })}</h2>
      <div aria-live="polite" className="live-slot">{done && <p className="ok-note">{t(done.key, { name: done.name })}</p>}</div>
      {list.kind === 'loading' && <p role="status">{t('sessions.candidatesLoading')}</p>}
      {list.kind === 'failed' && <div role="alert" className="form-error"><p>{t(list.refusal.key, list.refusal.params)}</p></div>}
      {list.kind === 'loaded' && list.candidates.length === 0 && <p className="calm-note">{t('sessions.candidatesNone')}</p>}
      {list.kind === 'loaded' && list.candidates.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="candidates-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="candidates-caption">{t('sessions.candidatesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.candidate.name')}</th>
                <th scope="col">{t('sessions.candidate.sex')}</th>
                <th scope="col">{t('sessions.candidate.birthDate')}</th>
                <th scope="col">{t('sessions.candidate.birthplace')}</th>
                <th scope="col">{t('sessions.candidate.externalIdShort')}</th>
                <th scope="col">{t('sessions.candidate.extraTimeShort')}</th>
                <th scope="col">{t('sessions.candidate.accessibilityShort')}</th>
                {editable && <th scope="col">{t('sessions.candidate.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.candidates.map((c) => {
                const place = birthplaceParams(c.birthplace);
                const name = `${c.firstName} ${c.lastName}`;
                return (
                  <tr key={c.id}>
                    <th scope="row"><span className="last-name">{c.lastName}</span> {c.firstName}</th>
                    <td>{c.sex === 'F' ? t('sessions.candidate.sexShortF') : t('sessions.candidate.sexShortM')}</td>
                    <td>{calendarDay(c.birthDate, locale, 'short')}</td>
                    <td>{t(place.key, place.params)}</td>
                    <td>{c.externalId ?? '—'}</td>
                    <td>{c.extraTimePercent === 0 ? t('sessions.candidate.noExtraTime') : t('sessions.candidate.extraTimeValue', { percent: c.extraTimePercent })}</td>
                    <td>{c.accessibilityAdjustment ? t('sessions.yes') : t('sessions.no')}</td>
                    {editable && (
                      <td className="row-actions">
                        <button type="button" id={`candidate-edit-${c.id}`} onClick={() => startEditing(c, locale)} aria-label={t('sessions.candidate.editOf', { name })}>{t('sessions.candidate.edit')}</button>
                        <button type="button" id={`candidate-remove-${c.id}`} className="danger" onClick={() => askRemove(c)} aria-label={t('sessions.candidate.removeOf', { name })}>{t('sessions.candidate.remove')}</button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editable && !editor && <p><button type="button" onClick={startAdding}>{t('sessions.candidate.add')}</button></p>}
      {editable && editor && <CandidateFormView store={store} />}
      {removal && (
        <BoardDialog heading={t('sessions.candidate.removeHeading', { name: `${removal.candidate.firstName} ${removal.candidate.lastName}` })}
          onClose={cancelRemove} returnTo={document.getElementById(`candidate-remove-${removal.candidate.id}`)} fallbackId="candidates-heading">
          <p>{t('sessions.candidate.removeExplain')}</p>
          {removal.kind === 'refused' && <div role="alert" className="form-error"><p>{t(removal.refusal.key, removal.refusal.params)}</p></div>}
          <div className="dialog-actions">
            {removal.kind !== 'refused' && (
              <button type="button" className="danger-strong" disabled={removal.kind === 'sending'} onClick={() => void confirmRemove()}>{t('sessions.candidate.removeConfirm')}</button>
            )}
            {removal.kind === 'refused'
              ? <FocusedButton onClick={cancelRemove}>{t('sessions.close')}</FocusedButton>
              : <button type="button" onClick={cancelRemove}>{t('sessions.cancel')}</button>}
          </div>
        </BoardDialog>
      )}
      {editable ? <RosterImportView store={store} /> : <p className="calm-note">{t('sessions.lockedNote')}</p>}
    </section>
  );
}
