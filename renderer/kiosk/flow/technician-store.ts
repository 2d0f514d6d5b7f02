import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskBridge, KioskShellStatus } from '../../../shared/formats/kiosk-bridge';
import { adminCodeToSend, refusalWording, type Wording } from './technician-access';

/**
 * Issue 8 §6 — the technician's admin page (« Accès technicien »), opened when the shell reports its key chord.
 * The code is sent to the shell, which checks it (scrypt, lockout) and logs what it does; the page never holds
 * more than what was typed, and clears it after each try.
 */
export type TechnicianStatus = { kind: 'loading' } | { kind: 'known'; value: KioskShellStatus } | { kind: 'unreadable' };
export type TechnicianAction = 'exit' | 'repairing';
export type TechnicianStep =
  | { kind: 'idle' }
  | { kind: 'sending'; action: TechnicianAction }
  | { kind: 'refused'; wording: Wording }
  | { kind: 'done'; action: TechnicianAction };

export interface TechnicianState {
  open: boolean;
  status: TechnicianStatus;
  code: string;
  step: TechnicianStep;
  show(): void;
  close(): void;
  edit(code: string): void;
  quit(): Promise<void>;
  repair(): Promise<void>;
}

type Bridge = Pick<KioskBridge, 'status' | 'requestTechnicianExit' | 'requestRepairing'>;

export function createTechnicianStore(bridge: Bridge): StoreApi<TechnicianState> {
  return createStore<TechnicianState>((set, get) => {
    const send = async (action: TechnicianAction) => {
      const { step, code } = get();
      if (step.kind === 'sending' || step.kind === 'done') return;
      const adminCode = adminCodeToSend(code);
      if (adminCode === null) {
        set({ step: { kind: 'refused', wording: { key: 'technician.codeMissing' } } });
        return;
      }
      // A shell older than the page (shells are upgraded apart from the station) may lack the re-pairing.
      if (action === 'repairing' && typeof bridge.requestRepairing !== 'function') {
        set({ step: { kind: 'refused', wording: { key: 'technician.repairUnavailable' } } });
        return;
      }
      set({ step: { kind: 'sending', action }, code: '' });
      try {
        const answer = action === 'exit' ? await bridge.requestTechnicianExit(adminCode) : await bridge.requestRepairing(adminCode);
        set({ step: answer.ok ? { kind: 'done', action } : { kind: 'refused', wording: refusalWording(answer.error) } });
      } catch (e) {
        set({ step: { kind: 'refused', wording: { key: 'technician.refused', params: { detail: (e as Error).message } } } });
      }
    };
    return {
      open: false,
      status: { kind: 'loading' },
      code: '',
      step: { kind: 'idle' },
      show() {
        if (get().open) return;
        set({ open: true, status: { kind: 'loading' }, code: '', step: { kind: 'idle' } });
        bridge.status().then(
          (value) => { if (get().open) set({ status: { kind: 'known', value } }); },
          () => { if (get().open) set({ status: { kind: 'unreadable' } }); },
        );
      },
      close() {
        // Once the shell is quitting or relaunching there is nothing to go back to.
        if (get().step.kind === 'sending' || get().step.kind === 'done') return;
        set({ open: false, code: '', step: { kind: 'idle' } });
      },
      edit(code) { set({ code }); },
      quit: () => send('exit'),
      repair: () => send('repairing'),
    };
  });
}
