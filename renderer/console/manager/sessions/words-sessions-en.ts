import type { SessionsKey } from './words-sessions-fr';

/** The manager's login, sessions, roster and invigilator password words (English). */
export const sessionsEn: Record<SessionsKey, string> = {
  'sessions.heading': 'The centre’s sessions',
};
