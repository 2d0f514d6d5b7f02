import { expect } from '@playwright/test';
import { stationCall, type SeededSession } from './session-seed';
import type { TestStation } from './station-fixture';

/**
 * A simulated kiosk for the console's e2e tests: the kiosk HTTP API called directly (docs/delivery-api.md), the
 * station's certificate the only one trusted. The console itself is driven only through its page.
 */

// oxlint-disable-next-line typescript/no-explicit-any -- test assertions read any field
export function kioskCall(station: Pick<TestStation, 'url'>, method: string, path: string, token: string, entry?: string, body?: unknown): Promise<{ status: number; json: any }> {
  return stationCall(station, method, path, { token, body, headers: entry ? { 'x-passation-entry': entry } : {} });
}

/** A simulated kiosk: paired with a code the manager asks for, then checks its pupil in. */
export async function kioskCheckIn(station: Pick<TestStation, 'url'>, session: SeededSession, name: string, lastName: string): Promise<{ token: string; entry: string }> {
  const code = await session.manager('POST', '/api/console/pairing-codes');
  const paired = await kioskCall(station, 'POST', '/api/kiosk/pair', '', undefined, { code: code.json.code, name });
  expect(paired.status).toBe(201);
  const pupil = session.candidates.get(lastName)!.input;
  const checkedIn = await kioskCall(station, 'POST', '/api/kiosk/check-in', paired.json.deviceToken, undefined, {
    sessionNumber: session.sessionNumber, lastName: pupil.lastName, firstName: pupil.firstName, birthDate: pupil.birthDate, accessCode: session.accessCode,
  });
  expect(checkedIn.status).toBe(200);
  return { token: paired.json.deviceToken, entry: checkedIn.json.entryToken };
}
