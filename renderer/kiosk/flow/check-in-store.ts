import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskCheckInAnswer } from '../../../shared/formats/kiosk-api';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import type { ApiClient } from '../../ui/api-client';
import { checkInRefusal, EMPTY_CHECK_IN, readCheckIn, typedAccessCode, type CheckInFields, type CheckInRefusal, type FieldProblem } from './check-in-form';

/** The check-in form (R-SESS-4): what is typed, and what went wrong. */
export type CheckInStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'sending' }
  | { kind: 'refused'; refusal: CheckInRefusal };

export interface CheckInState {
  fields: CheckInFields;
  status: CheckInStatus;
  /** Refusals by the station in a row (reset by a success). */
  failuresInARow: number;
  edit(field: keyof CheckInFields, value: string): void;
  submit(): Promise<void>;
}

export function createCheckInStore(client: ApiClient, onCheckedIn: (answer: KioskCheckInAnswer, sessionNumber: number) => void): StoreApi<CheckInState> {
  return createStore<CheckInState>((set, get) => ({
    fields: EMPTY_CHECK_IN,
    status: { kind: 'editing' },
    failuresInARow: 0,
    edit(field, value) {
      set({ fields: { ...get().fields, [field]: field === 'accessCode' ? typedAccessCode(value) : value } });
    },
    async submit() {
      if (get().status.kind === 'sending') return;
      const body = readCheckIn(get().fields);
      if (!body.ok) {
        set({ status: { kind: 'invalid', problems: body.error } });
        return;
      }
      set({ status: { kind: 'sending' } });
      const answer = await client.call(KIOSK_ROUTES.checkIn, { body: body.value });
      if (answer.ok) {
        set({ status: { kind: 'editing' }, fields: EMPTY_CHECK_IN, failuresInARow: 0 });
        onCheckedIn(answer.value, body.value.sessionNumber);
        return;
      }
      const failures = get().failuresInARow;
      set({ status: { kind: 'refused', refusal: checkInRefusal(answer.error, failures) }, failuresInARow: failures + 1 });
    },
  }));
}
