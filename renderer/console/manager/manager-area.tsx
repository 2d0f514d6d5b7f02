import type { ApiClient } from '../../ui/api-client';
import { ConsoleNav, MANAGER_NAV } from '../navigation/console-nav';
import type { ConsolePlace } from '../navigation/place';
import { CentrePage } from './centre/centre-page';
import { PackagesPage } from './centre/packages-page';
import { ManagerGate } from './manager-gate';
import { SessionPage } from './sessions/session-page';
import { SessionsPage } from './sessions/sessions-page';

type ManagerPlace = Extract<ConsolePlace, { area: 'manager' }>;

/** The centre manager's pages (issue 10 §1, manager screens), behind the manager's login. */
export function ManagerArea({ client, place, go }: { client: ApiClient; place: ManagerPlace; go(place: ConsolePlace): void }) {
  return (
    <ManagerGate client={client}>
      <ConsoleNav labelKey="nav.manager" entries={MANAGER_NAV} current={place} />
      {place.page === 'sessions' && <SessionsPage client={client} go={go} />}
      {place.page === 'session' && <SessionPage key={place.sessionId} client={client} go={go} sessionId={place.sessionId} />}
      {place.page === 'packages' && <PackagesPage client={client} go={go} />}
      {place.page === 'centre' && <CentrePage client={client} go={go} />}
    </ManagerGate>
  );
}
