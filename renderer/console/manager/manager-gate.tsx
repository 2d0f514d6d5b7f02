import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../../ui/api-client';
import { useTranslate } from '../../ui/i18n/locale-store';
import { ManagerLoginContext } from './sessions/manager-login-context';
import { createManagerLoginStore } from './sessions/manager-login-store';
import { ManagerLoginScreen } from './sessions/manager-login-screen';
import { PasswordChangeDialog } from './sessions/password-change-dialog';
import './sessions/sessions.css';

/**
 * The manager's pages open only to the centre manager (manager password, `POST /api/manager/login`): this gate
 * shows « Connexion du responsable du centre » until the station holds the manager's cookie (asked with
 * `GET /api/manager/sessions`, again at each change of page), then a bar (« Changer le mot de passe »,
 * « Se déconnecter ») and its children. Every manager route is checked by the station whatever the page shows.
 */
export function ManagerGate({ client, children }: { client: ApiClient; children: ReactNode }) {
  const t = useTranslate();
  const [store] = useState(() => createManagerLoginStore(client));
  const screen = useStore(store, (s) => s.screen);
  const changeOpen = useStore(store, (s) => s.passwordChange.open);
  useEffect(() => {
    void store.getState().boot();
    const recheck = () => { void store.getState().recheck(); };
    window.addEventListener('hashchange', recheck);
    return () => window.removeEventListener('hashchange', recheck);
  }, [store]);
  if (screen.name === 'loading') return <main className="screen-main"><p role="status">{t('manager.loading')}</p></main>;
  if (screen.name === 'login') return <ManagerLoginScreen store={store} />;
  return (
    <ManagerLoginContext.Provider value={store}>
      <section className="manager-bar" aria-label={t('manager.barLabel')}>
        <p>{t('manager.signedIn')}</p>
        <button type="button" id="manager-change-password" onClick={() => store.getState().openPasswordChange(true)}>{t('manager.changePassword')}</button>
        <button type="button" onClick={() => void store.getState().logout()}>{t('manager.logout')}</button>
      </section>
      {children}
      {changeOpen && <PasswordChangeDialog store={store} />}
    </ManagerLoginContext.Provider>
  );
}
