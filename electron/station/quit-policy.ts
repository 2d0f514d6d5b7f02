import type { LiveSessionActivity } from '../centre/station-activity';

/**
 * Issue 10 §2 — quitting the station stops the server every kiosk of the room talks to. While a session is live
 * (candidates in test or checked in and waiting, `liveSessionActivity`), the shell asks first; otherwise it quits.
 * Pure: the glue shows `dialog` with Electron's `dialog.showMessageBox` and quits only on `QUIT_BUTTON`.
 */
export const CANCEL_BUTTON = 0;
export const QUIT_BUTTON = 1;

export interface QuitDialog {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: typeof CANCEL_BUTTON;
  cancelId: typeof CANCEL_BUTTON;
  noLink: true;
}

export type QuitDecision = { action: 'quit' } | { action: 'confirm'; dialog: QuitDialog };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describe(session: LiveSessionActivity): string {
  const parts = [
    ...(session.inTest > 0 ? [`${count(session.inTest, 'candidat', 'candidats')} en test`] : []),
    ...(session.waiting > 0 ? [`${count(session.waiting, 'candidat', 'candidats')} en attente de confirmation`] : []),
  ];
  return `session n° ${session.sessionNumber} : ${parts.join(', ')}`;
}

export function quitDecision(activity: readonly LiveSessionActivity[]): QuitDecision {
  const live = activity.filter((s) => s.inTest + s.waiting > 0);
  if (live.length === 0) return { action: 'quit' };
  const message = live.length === 1
    ? `Une session est en cours (${describe(live[0]!)}). Quitter quand même ?`
    : `Des sessions sont en cours (${live.map(describe).join(' ; ')}). Quitter quand même ?`;
  return {
    action: 'confirm',
    dialog: {
      type: 'warning',
      title: 'Passation — quitter le poste du surveillant',
      message,
      detail: 'Tant que ce poste est fermé, les bornes ne joignent plus la station : elles gardent les réponses et les envoient à sa réouverture, mais la surveillance s’arrête.',
      buttons: ['Annuler', 'Quitter quand même'],
      defaultId: CANCEL_BUTTON,
      cancelId: CANCEL_BUTTON,
      noLink: true,
    },
  };
}
