import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { LanguageSwitch } from '../../ui/i18n/language-switch';
import { useTranslate } from '../../ui/i18n/locale-store';
import { DisplaySettings } from '../../ui/theme/display-settings';
import type { StationStatusState } from '../../ui/station/station-status-store';
import type { CheckInState } from '../flow/check-in-store';
import type { LinkState } from '../flow/connectivity';
import type { KioskFlowState } from '../flow/kiosk-flow-store';
import type { PairingState } from '../flow/pairing-store';
import { AnswersBanner, DemoBanner, StationBanner } from './banners';
import { CheckInScreen } from './check-in-screen';
import { InstructionsScreen, LoadingScreen, WaitingScreen } from './flow-screens';
import { EndedScreen, ReplacedScreen, ResumeExpiredScreen, ResumeScreen, SuspendedScreen } from './test-flow-screens';
import { TestScreen } from './test-screen';
import type { AssetSource } from '../challenge/challenge-contract';
import { PairingScreen } from './pairing-screen';
import type { TechnicianState } from '../flow/technician-store';
import { TechnicianDialog } from './technician-dialog';

export interface KioskStores {
  flow: StoreApi<KioskFlowState>;
  /** The assets of the test on screen (the flow's AssetSource). */
  assets: () => AssetSource | null;
  pairing: StoreApi<PairingState>;
  checkIn: StoreApi<CheckInState>;
  station: StoreApi<StationStatusState>;
  link: StoreApi<LinkState>;
  outsideShell: boolean;
  /** Issue 8 §6: the technician's admin page, in the kiosk shell only (it opens on the shell's chord). */
  technician?: StoreApi<TechnicianState> | null;
}

const NO_TECHNICIAN = createStore(() => ({ open: false }));

/** The kiosk page: the app's name and the language switch, the banners, then the one screen of the moment. */
export function KioskApp({ stores }: { stores: KioskStores }) {
  const t = useTranslate();
  const screen = useStore(stores.flow, (s) => s.screen);
  const start = useStore(stores.flow, (s) => s.start);
  const outbox = useStore(stores.flow, (s) => s.outbox);
  const technicianOpen = useStore(stores.technician ?? NO_TECHNICIAN, (s) => s.open);
  return (
    <>
      <div inert={technicianOpen}>
      <header className="screen-header">
        <p className="app-name">{t('kiosk.title')}</p>
        <div className="screen-tools"><LanguageSwitch /><DisplaySettings /></div>
      </header>
      <DemoBanner outsideShell={stores.outsideShell} />
      <StationBanner station={stores.station} link={stores.link} />
      <AnswersBanner outbox={outbox} answering={screen.name === 'test'} />
      <main className="screen-main kiosk-screen" key={screen.name}>
        {screen.name === 'loading' && <LoadingScreen />}
        {screen.name === 'pairing' && <PairingScreen store={stores.pairing} />}
        {screen.name === 'checkIn' && <CheckInScreen store={stores.checkIn} />}
        {screen.name === 'waiting' && <WaitingScreen candidate={screen.candidate} />}
        {screen.name === 'instructions' && <InstructionsScreen starting={screen.starting} problem={screen.problem} onStart={() => void start()} />}
        {screen.name === 'test' && <TestScreen flow={stores.flow} assets={stores.assets} />}
        {screen.name === 'resume' && <ResumeScreen step={screen.step} />}
        {screen.name === 'suspended' && <SuspendedScreen suspension={screen.suspension} />}
        {screen.name === 'ended' && <EndedScreen end={screen.end} />}
        {screen.name === 'replaced' && <ReplacedScreen />}
        {screen.name === 'resumeExpired' && <ResumeExpiredScreen />}
      </main>
      </div>
      {stores.technician && <TechnicianDialog store={stores.technician} />}
    </>
  );
}
