import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ClientError } from '../../../ui/api-client';
import type { ManagerLoginState } from './manager-login-store';

/** The manager's login, for the pages behind the gate: a call refused because the login ended sends them back to it. */
export const ManagerLoginContext = createContext<StoreApi<ManagerLoginState> | null>(null);

/** `loginEnded(error)`: true (and the login form is shown again) when the refusal is an ended login. */
export function useLoginEnded(): (error: ClientError) => boolean {
  const store = useContext(ManagerLoginContext);
  return (error) => store?.getState().refusedBecauseLoggedOut(error) ?? false;
}
