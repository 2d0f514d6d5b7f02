import { useId, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { localeStore, useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { placeHash } from '../navigation/place';
import { FocusedHeading } from '../screens/focused-heading';
import { chartGeometry } from './competence-chart';
import type { FinalisationState } from './finalisation-store';
import { countOutcomes, type OutcomeReason, type Review, type ReviewCandidate, type ReviewOutcome } from './results-review';

type T = ReturnType<typeof useTranslate>;

const OUTCOME_KEYS: Record<ReviewOutcome, MessageKey> = {
  validated: 'finalisation.outcome.validated', rejected: 'finalisation.outcome.rejected', cancelled: 'finalisation.outcome.cancelled',
  error: 'finalisation.outcome.error', notStarted: 'finalisation.outcome.notStarted',
};
const WHY_KEYS: Record<OutcomeReason, MessageKey> = {
  authority: 'finalisation.why.authority', fraud: 'finalisation.why.fraud', technicalLowRate: 'finalisation.why.technicalLowRate',
  tooManyNeutralised: 'finalisation.why.tooManyNeutralised', lowRate: 'finalisation.why.lowRate', noPix: 'finalisation.why.noPix',
  unscorable: 'finalisation.why.unscorable',
};

const nameOf = (c: ReviewCandidate) => `${c.firstName} ${c.lastName}`;
/** R-SCORE-7 — level −1 is « non certifiée ». */
const levelText = (t: T, level: number) => (level < 0 ? t('finalisation.levelNone') : t('finalisation.level', { level }));

/**
 * One candidate's pix per competence as a bar chart (SVG, `role="img"` named by its title, every bar in its
 * description); the same facts as a real table behind « Afficher le tableau ».
 */
function CompetenceChart({ candidate, maxPix }: { candidate: ReviewCandidate; maxPix: number }) {
  const t = useTranslate();
  const id = useId();
  const g = chartGeometry(candidate.marks, maxPix);
  const name = nameOf(candidate);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = g.bars.map((b) => t('finalisation.chart.bar', { code: b.code, pix: b.pix, level: levelText(t, b.level) })).join(' ; ');
  return (
    <svg role="img" aria-labelledby={[titleId, descId].join(' ')} viewBox={`0 0 ${g.width} ${g.height}`} className="chart" width={g.width} height={g.height}>
      <title id={titleId}>{t('finalisation.chart.title', { name })}</title>
      <desc id={descId}>{description}</desc>
      {g.ticks.map((tick) => (
        <g key={tick.pix} className="tick">
          <line x1={tick.x} x2={tick.x} y1={0} y2={g.axisY} />
          <text x={tick.x} y={g.axisY + 15} textAnchor="middle">{tick.pix}</text>
        </g>
      ))}
      {g.bars.map((b) => (
        <g key={b.code}>
          <text className="code" x={g.axisX - 8} y={b.y + g.rowHeight / 2} dominantBaseline="middle" textAnchor="end">{b.code}</text>
          {b.length > 0 && <rect className="bar" data-level={b.level < 0 ? 'none' : undefined} x={g.axisX} y={b.y + (g.rowHeight - g.barHeight) / 2} width={b.length} height={g.barHeight} />}
          <text className="value" x={g.axisX + g.axisLength + 8} y={b.y + g.rowHeight / 2} dominantBaseline="middle">
            {t('finalisation.chart.value', { pix: b.pix, level: levelText(t, b.level) })}
          </text>
        </g>
      ))}
      <line className="axis" x1={g.axisX} x2={g.axisX + g.axisLength} y1={g.axisY} y2={g.axisY} />
      <line className="axis" x1={g.axisX} x2={g.axisX} y1={0} y2={g.axisY} />
    </svg>
  );
}

function CompetenceTable({ candidate }: { candidate: ReviewCandidate }) {
  const t = useTranslate();
  return (
    <table className="marks">
      <caption>{t('finalisation.table.caption', { name: nameOf(candidate) })}</caption>
      <thead><tr><th scope="col">{t('finalisation.table.competence')}</th><th scope="col">{t('finalisation.table.level')}</th><th scope="col">{t('finalisation.table.pix')}</th></tr></thead>
      <tbody>
        {candidate.marks.map((m) => (
          <tr key={m.code}><th scope="row">{m.code}</th><td>{levelText(t, m.level)}</td><td>{m.pix}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function CandidateResult({ candidate, review }: { candidate: ReviewCandidate; review: Review }) {
  const t = useTranslate();
  const id = useId();
  const [tableShown, setTableShown] = useState(false);
  const name = nameOf(candidate);
  const outcome = t(OUTCOME_KEYS[candidate.outcome]);
  return (
    <li>
      <article className="result" data-outcome={candidate.outcome} aria-labelledby={`${id}-name`}>
        <h2 id={`${id}-name`}>{name}</h2>
        <p className="outcome">{candidate.reason ? t('finalisation.outcomeWhy', { outcome, why: t(WHY_KEYS[candidate.reason]) }) : outcome}</p>
        {candidate.outcome !== 'notStarted' && (
          <>
            <p className="total">{t('finalisation.total', { pix: candidate.pix, max: review.maxTotalPix })}</p>
            {candidate.reproducibilityRate !== null && <p className="rate">{t('finalisation.rate', { rate: candidate.reproducibilityRate })}</p>}
            {candidate.marks.length === 0 ? <p>{t('finalisation.noMarks')}</p> : (
              <>
                <CompetenceChart candidate={candidate} maxPix={review.maxCompetencePix} />
                <button type="button" className="table-toggle" aria-expanded={tableShown} aria-controls={`${id}-table`}
                  aria-label={t(tableShown ? 'finalisation.table.hideOf' : 'finalisation.table.showOf', { name })}
                  onClick={() => setTableShown(!tableShown)}>
                  {t(tableShown ? 'finalisation.table.hide' : 'finalisation.table.show')}
                </button>
                <div id={`${id}-table`} hidden={!tableShown}>{tableShown && <CompetenceTable candidate={candidate} />}</div>
              </>
            )}
          </>
        )}
      </article>
    </li>
  );
}

/** The provisional results of the finalised session (R-SCORE-*), then « Signer et envoyer ». */
export function ResultsReview({ review, store }: { review: Review; store: StoreApi<FinalisationState> }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const already = useStore(store, (s) => s.alreadyFinalised);
  const counts = countOutcomes(review.candidates);
  const at = new Date(review.finalisedAt);
  const outcomes = (Object.keys(OUTCOME_KEYS) as ReviewOutcome[]).filter((o) => counts[o] > 0);
  return (
    <main className="screen-main finalisation review">
      <FocusedHeading>{t('finalisation.review.heading', { number: review.sessionNumber })}</FocusedHeading>
      {already && <p role="status" className="notice">{t('finalisation.review.alreadyFinalised')}</p>}
      <p>{t('finalisation.review.finalisedAt', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(at), time: at })}</p>
      <p>{t('finalisation.review.provisional')}</p>
      <div className="review-top">
        <dl className="counters" aria-label={t('finalisation.review.counts')}>
          {outcomes.map((o) => <div key={o} data-outcome={o}><dt>{t(OUTCOME_KEYS[o])}</dt><dd>{counts[o]}</dd></div>)}
        </dl>
        <a className="button-link primary" href={placeHash({ area: 'invigilator', page: 'signing' })}>{t('finalisation.review.sign')}</a>
      </div>
      <section aria-label={t('finalisation.review.candidates')}>
        <ul className="results">
          {review.candidates.map((c) => <CandidateResult key={c.candidateId} candidate={c} review={review} />)}
        </ul>
      </section>
    </main>
  );
}
