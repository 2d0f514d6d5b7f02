/** The key of a session's failed check-ins (its number: what the kiosks type), shared by delivery and supervision. */
export const checkInSessionKey = (sessionNumber: number) => `session:${sessionNumber}`;
