import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module in unit tests (the binary cannot be downloaded here: stack.md). It does
 * nothing Electron does; it records what the shell registers, so the wiring test can call the registered
 * handlers the way Electron would. The real Electron is exercised by e2e/kiosk-shell.spec.ts where it exists.
 */
export class FakeWebContents extends EventEmitter {
  mainFrame = { url: '' };
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: unknown) => unknown) | null = null;
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  send(channel: string, ...args: unknown[]) { this.sent.push({ channel, args }); }
  setWindowOpenHandler(handler: (details: unknown) => unknown) { this.windowOpenHandler = handler; }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  setAlwaysOnTop = vi.fn();
  setContentProtection = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  isDestroyed = () => false;
  isFullScreen = () => true;
  isKiosk = () => true;
  loadURL = vi.fn(async (url: string) => { this.webContents.mainFrame.url = url; });
  loadFile = vi.fn(async (file: string) => { this.webContents.mainFrame.url = pathToFileURL(file).href; });
  constructor(public options: unknown) {
    super();
    BrowserWindow.created.push(this);
  }
}

class FakeApp extends EventEmitter {
  requestSingleInstanceLock = vi.fn(() => true);
  whenReady = vi.fn(async () => undefined);
  getAppPath = vi.fn(() => '/nonexistent-app');
  getVersion = vi.fn(() => '0.1.0');
  getPath = vi.fn((_name: string) => '/nonexistent-user-data');
  quit = vi.fn();
  exit = vi.fn();
  relaunch = vi.fn();
}
export const app = new FakeApp();

export const Menu = { setApplicationMenu: vi.fn() };
export const dialog = { showErrorBox: vi.fn() };
export const clipboard = { clear: vi.fn() };
export const net = { isOnline: vi.fn(() => true) };
export const powerSaveBlocker = { start: vi.fn(() => 1) };

class FakePowerMonitor extends EventEmitter { isOnBatteryPower = vi.fn(() => false); }
export const powerMonitor = new FakePowerMonitor();

const display = (id: number, x: number) => ({ id, bounds: { x, y: 0, width: 1366, height: 768 }, scaleFactor: 1, rotation: 0, internal: id === 1 });
class FakeScreen extends EventEmitter { displays = [display(1, 0)]; getAllDisplays = () => this.displays; }
export const screen = new FakeScreen();
export const fakeDisplay = display;

type Handler = (...args: never[]) => unknown;
class FakeSession extends EventEmitter {
  handlers: Record<string, Handler> = {};
  setPermissionRequestHandler(h: Handler) { this.handlers.permissionRequest = h; }
  setPermissionCheckHandler(h: Handler) { this.handlers.permissionCheck = h; }
  setDevicePermissionHandler(h: Handler) { this.handlers.devicePermission = h; }
  setCertificateVerifyProc(h: Handler) { this.handlers.certificateVerify = h; }
  fetch = vi.fn();
  webRequest = {
    onBeforeRequest: (h: Handler) => { this.handlers.beforeRequest = h; },
    onBeforeSendHeaders: (h: Handler) => { this.handlers.beforeSendHeaders = h; },
  };
}
export const session = { defaultSession: new FakeSession() };

class FakeIpcMain extends EventEmitter {
  invokeHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) { this.invokeHandlers.set(channel, handler); }
}
export const ipcMain = new FakeIpcMain();

export const contextBridge = { exposeInMainWorld: vi.fn() };
class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]) => undefined);
  sendCalls: unknown[][] = [];
  send(...args: unknown[]) { this.sendCalls.push(args); }
}
export const ipcRenderer = new FakeIpcRenderer();

export default { app, BrowserWindow, Menu, dialog, clipboard, net, powerSaveBlocker, powerMonitor, screen, session, ipcMain, contextBridge, ipcRenderer };
