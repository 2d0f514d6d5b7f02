import type { Session } from '../../../shared/formats/session';
import type { ApiClient } from '../../ui/api-client';
import type { ConsolePlace } from './place';

/** What every page of the console receives: the API client and a way to go to another page. */
export interface PageProps {
  client: ApiClient;
  go(place: ConsolePlace): void;
}

/** An invigilator's page (finalisation, signing, results) also has the session logged in. */
export interface SessionPageProps extends PageProps {
  session: Session;
}
