import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { testKeychain } from './keychain';

/**
 * A stand-in for the `electron` module in the station shell's unit tests (the binary cannot be downloaded here:
 * stack.md), as the kiosk's (electron/kiosk/testing/fake-electron.ts). It records what the shell registers so the
 * wiring test calls the handlers as Electron would; the server, the database, the key store behind them are real.
 * `safeStorage` really encrypts (testing/keychain.ts). The real Electron runs in e2e/station-shell.spec.ts.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: unknown) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: unknown) => unknown) { this.windowOpenHandler = handler; }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  isDestroyed = () => this.destroyed;
  loadURL = vi.fn(async (_url: string) => undefined);
  constructor(public options: unknown) {
    super();
    BrowserWindow.created.push(this);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  commandLine = { appendSwitch: vi.fn() };
  requestSingleInstanceLock = vi.fn(() => true);
  whenReady = vi.fn(async () => undefined);
  getPath = vi.fn((_name: string) => '/nonexistent-documents');
  quit = vi.fn();
  exit = vi.fn();
  relaunch = vi.fn();
}
export const app = new FakeApp();

export interface FakeMenu { template: { label?: string; role?: string; id?: string; submenu?: unknown[]; click?: () => void }[] }
export const Menu = {
  buildFromTemplate: vi.fn((template: FakeMenu['template']): FakeMenu => ({ template })),
  setApplicationMenu: vi.fn(),
};
export const dialog = {
  showErrorBox: vi.fn(),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
};
export const shell = { openPath: vi.fn(async (_path: string) => '') };
export const safeStorage = testKeychain();

type Handler = (...args: never[]) => unknown;
class FakeSession extends EventEmitter {
  handlers: Record<string, Handler> = {};
  setPermissionRequestHandler(h: Handler) { this.handlers.permissionRequest = h; }
  setPermissionCheckHandler(h: Handler) { this.handlers.permissionCheck = h; }
  setDevicePermissionHandler(h: Handler) { this.handlers.devicePermission = h; }
  setCertificateVerifyProc(h: Handler) { this.handlers.certificateVerify = h; }
  webRequest = { onBeforeRequest: (h: Handler) => { this.handlers.beforeRequest = h; } };
}
export const session = { defaultSession: new FakeSession() };

export default { app, BrowserWindow, Menu, dialog, shell, safeStorage, session };
