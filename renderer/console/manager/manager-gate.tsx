import type { ReactNode } from 'react';
import type { ApiClient } from '../../ui/api-client';

/**
 * The manager's pages open only to the centre manager (manager password, `POST /api/manager/login`): this gate
 * shows the manager's login until the station holds a manager cookie, then its children — placeholder of the
 * console's skeleton: it lets everything through; the manager login replaces it. Every manager route is checked by
 * the station whatever the page shows.
 */
export function ManagerGate({ children }: { client: ApiClient; children: ReactNode }) {
  return <>{children}</>;
}
