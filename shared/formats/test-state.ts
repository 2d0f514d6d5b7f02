import { z } from 'zod';

/** R-SESS-6 — the states of a candidate's test (003-delivery.sql `tests.state`). */
export const TEST_STATES = ['started', 'completed', 'endedByInvigilator', 'endedDueToFinalisation'] as const;
export const TestState = z.enum(TEST_STATES);
export type TestState = z.infer<typeof TestState>;
