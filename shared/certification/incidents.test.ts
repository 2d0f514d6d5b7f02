import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, IncidentCategory, incidentCategory } from './incidents';

describe('R-INC-1 incident categories', () => {
  it('R-INC-1 the 16 categories of the rules with their automatic effect', () => {
    expect(INCIDENT_CATEGORIES.map((c) => `${c.code} ${c.effect}`)).toEqual([
      'C1 manualReview', 'C2 none', 'C4 none', 'C6 manualReview', 'C7 none', 'C8 none',
      'E1 neutraliseIfIllustrationOrEmbed', 'E2 neutraliseIfIllustrationOrEmbed', 'E3 neutraliseIfAttachment',
      'E4 neutralise', 'E5 neutralise', 'E8 neutraliseIfTimed', 'E9 neutralise', 'E10 focusLoss', 'E11 neutralise',
      'E12 neutralise',
    ]);
  });

  it('R-INC-1 E-codes name a question, C-codes do not', () => {
    for (const c of INCIDENT_CATEGORIES) expect(c.namesQuestion).toBe(c.code.startsWith('E'));
  });

  it('R-INC-1 every category has a French label; lookup by code', () => {
    for (const c of INCIDENT_CATEGORIES) expect(c.label.length).toBeGreaterThan(5);
    expect(incidentCategory('E10')?.label).toBe('Perte de focus involontaire');
    expect(incidentCategory('E6')).toBeUndefined();
  });

  it('R-INC-1 the schema accepts exactly the codes of the rules', () => {
    expect(IncidentCategory.options).toEqual(INCIDENT_CATEGORIES.map((c) => c.code));
    expect(IncidentCategory.safeParse('E7').success).toBe(false);
  });
});
