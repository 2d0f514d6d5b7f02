/** The manager's login, sessions, roster and invigilator password words (French; the English file has exactly these keys). */
export const sessionsFr = {
  'sessions.heading': 'Les sessions du centre',
} as const satisfies Record<string, string>;

export type SessionsKey = keyof typeof sessionsFr;
