import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PackageSummary } from '../../../../shared/formats/centre-api';
import { ROUTES } from '../../../../shared/formats/routes';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import { errorKey } from '../../../ui/i18n/translate';
import { managerLoginRefusal, type Refusal } from './manager-login-form';

/**
 * The packages a session uses (its content and its pupils' profiles), chosen among the signed packages imported
 * on this station (`GET /api/manager/packages`; importing more is the packages page's business).
 */
export type PackageKind = PackageSummary['kind'];
export type SessionPackagesView =
  | { kind: 'loading' }
  | { kind: 'failed'; refusal: Refusal }
  | { kind: 'loaded'; used: Record<PackageKind, PackageSummary | null>; available: Record<PackageKind, PackageSummary[]> };

export interface SessionPackagesState {
  view: SessionPackagesView;
  /** What the selects show (a package row id as text), by kind. */
  choice: Record<PackageKind, string>;
  saving: Record<PackageKind, { kind: 'idle' } | { kind: 'sending' } | { kind: 'saved' } | { kind: 'refused'; refusal: Refusal }>;
  load(): Promise<void>;
  pick(kind: PackageKind, id: string): void;
  use(kind: PackageKind): Promise<void>;
}

/** Newest import first: the one most likely wanted. */
export function availableByKind(packages: readonly PackageSummary[]): Record<PackageKind, PackageSummary[]> {
  const sorted = [...packages].sort((a, b) => b.importedAt.localeCompare(a.importedAt) || b.id - a.id);
  return { content: sorted.filter((p) => p.kind === 'content'), profile: sorted.filter((p) => p.kind === 'profile') };
}

export function createSessionPackagesStore(client: ApiClient, sessionId: number, loginEnded: (error: ClientError) => boolean): StoreApi<SessionPackagesState> {
  const params = { sessionId };
  const idle = { kind: 'idle' } as const;
  return createStore<SessionPackagesState>((set, get) => ({
    view: { kind: 'loading' },
    choice: { content: '', profile: '' },
    saving: { content: idle, profile: idle },
    async load() {
      const [used, all] = await Promise.all([client.call(ROUTES.sessionPackages, { params }), client.call(ROUTES.packages)]);
      if (!used.ok || !all.ok) {
        const error = !used.ok ? used.error : !all.ok ? all.error : null;
        if (error && !loginEnded(error)) set({ view: { kind: 'failed', refusal: managerLoginRefusal(error) } });
        return;
      }
      const available = availableByKind(all.value.packages);
      const choiceOf = (kind: PackageKind) => String(used.value[kind]?.id ?? available[kind][0]?.id ?? '');
      set({
        view: { kind: 'loaded', used: { content: used.value.content, profile: used.value.profile }, available },
        choice: { content: choiceOf('content'), profile: choiceOf('profile') },
      });
    },
    pick(kind, id) { set({ choice: { ...get().choice, [kind]: id }, saving: { ...get().saving, [kind]: idle } }); },
    async use(kind) {
      const id = Number(get().choice[kind]);
      if (!Number.isInteger(id) || id <= 0 || get().saving[kind].kind === 'sending') return;
      set({ saving: { ...get().saving, [kind]: { kind: 'sending' } } });
      const answer = await client.call(ROUTES.sessionPackageChoice, { params, body: { packageId: id } });
      if (!answer.ok) {
        if (loginEnded(answer.error)) return;
        const refusal = answer.error.kind === 'refused'
          ? (answer.error.error.code === 'sessionLocked' ? { key: 'sessions.locked' } as const : { key: errorKey(answer.error.error.code) })
          : managerLoginRefusal(answer.error);
        set({ saving: { ...get().saving, [kind]: { kind: 'refused', refusal } } });
        return;
      }
      const view = get().view;
      if (view.kind === 'loaded') set({ view: { ...view, used: { content: answer.value.content, profile: answer.value.profile } } });
      set({ saving: { ...get().saving, [kind]: { kind: 'saved' } } });
    },
  }));
}
