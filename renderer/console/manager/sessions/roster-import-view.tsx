import { useId, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../../ui/i18n/locale-store';
import type { CandidatesState } from './candidates-store';

/**
 * R-SESS-3 — « Importer une liste de candidats » (CSV or ODS): the file is sent as is; a bad file shows every bad
 * row with its line, column and reason, and says that nothing was imported; a good one says how many were.
 */
export function RosterImportView({ store }: { store: StoreApi<CandidatesState> }) {
  const t = useTranslate();
  const id = useId();
  const roster = useStore(store, (s) => s.roster);
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = missing ? [hintId, errorId].join(' ') : hintId;
  const send = () => {
    const file = input.current?.files?.[0] ?? null;
    if (!file) { setMissing(true); return; }
    setMissing(false);
    void store.getState().importRoster(file);
  };
  return (
    <div className="roster-import">
      <h3 id={`${id}-heading`}>{t('sessions.roster.heading')}</h3>
      <p>{t('sessions.roster.intro')}</p>
      <p className="hint">{t('sessions.roster.columns')}</p>
      <div className="field" data-invalid={missing ? 'true' : undefined}>
        <label htmlFor={`${id}-file`}>{t('sessions.roster.file')}</label>
        <p id={hintId} className="hint">{t('sessions.roster.fileHint')}</p>
        {missing && <p id={errorId} className="field-error">{t('sessions.roster.noFile')}</p>}
        <input ref={input} id={`${id}-file`} type="file" accept=".csv,.ods,.txt,text/csv,application/vnd.oasis.opendocument.spreadsheet"
          aria-describedby={describedBy} aria-invalid={missing ? true : undefined}
          onChange={(e) => { setChosen(e.target.files?.[0] ?? null); setMissing(false); }} />
      </div>
      <p>
        <button type="button" className="primary" disabled={roster.kind === 'sending'} onClick={send}>
          {roster.kind === 'sending' ? t('sessions.roster.sending') : chosen ? t('sessions.roster.importNamed', { name: chosen.name }) : t('sessions.roster.import')}
        </button>
      </p>
      {roster.kind === 'imported' && (
        <div role="status" className="notice-ok"><p>{t('sessions.roster.imported', { count: roster.count, name: roster.fileName })}</p></div>
      )}
      {roster.kind === 'refused' && (
        <div role="alert" className="form-error">
          <p>{t('sessions.roster.refusedFile', { name: roster.fileName })}</p>
          <p>{t(roster.refusal.key, roster.refusal.params)}</p>
          <p className="strong">{t('sessions.roster.nothingImported')}</p>
        </div>
      )}
      {roster.kind === 'badRows' && (
        <div className="roster-errors">
          <div role="alert" className="form-error">
            <p>{t('sessions.roster.badRows', { count: roster.rows.length, name: roster.fileName })}</p>
            <p className="strong">{t('sessions.roster.nothingImported')}</p>
            <p>{t('sessions.roster.fixAndRetry')}</p>
          </div>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-errors`} tabIndex={0}>
            <table className="data-table">
              <caption id={`${id}-errors`}>{t('sessions.roster.errorsCaption', { name: roster.fileName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.roster.line')}</th>
                  <th scope="col">{t('sessions.roster.column')}</th>
                  <th scope="col">{t('sessions.roster.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {roster.rows.map((row, i) => (
                  <tr key={`${row.line}-${row.column}-${i}`}>
                    <th scope="row">{row.line === 0 ? t('sessions.roster.wholeFile') : t('sessions.roster.lineNumber', { line: row.line })}</th>
                    <td>{row.column === '' ? '—' : row.column}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
