import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Vite build of one screen (`renderer/<screen>/`, shared code in `renderer/ui/`), served by the centre server
 * at `/<screen>/` from `dist/<screen>/`. The output satisfies the pages' strict CSP (no inline script or style):
 * no module-preload polyfill (an inline script), no asset inlined as a data: URI.
 * The screen is the mode: `vite build -c vite.screens.config.mts --mode kiosk` (or `console`).
 */
/**
 * Issue 8 §2 — the kiosk's offline service worker (renderer/kiosk/offline/service-worker.ts), built by
 * vite-plugin-pwa with workbox's precache manifest injected: `dist/kiosk/service-worker.js`, scope /kiosk/.
 * Registered by the page itself (no injected script: the CSP forbids inline ones); no web app manifest.
 */
function kioskWorker(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'offline',
    filename: 'service-worker.ts',
    scope: '/kiosk/',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      globPatterns: ['index.html', 'assets/*.{js,css,svg,png,woff2}'],
      rollupFormat: 'iife',
      minify: true,
      sourcemap: false,
    },
  });
}

function screenConfig(screen: 'kiosk' | 'console'): UserConfig {
  const root = path.resolve(import.meta.dirname, 'renderer', screen);
  return {
    root,
    base: `/${screen}/`,
    plugins: screen === 'kiosk' ? [react(), kioskWorker()] : [react()],
    logLevel: 'warn',
    build: {
      outDir: path.resolve(import.meta.dirname, 'dist', screen),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      cssCodeSplit: false,
      sourcemap: false,
      reportCompressedSize: true,
    },
  };
}

const SCREENS = ['kiosk', 'console'] as const;

export default defineConfig(({ mode }) => {
  const screen = SCREENS.find((s) => s === mode);
  if (!screen) throw new Error(`écran inconnu : --mode ${mode} (attendu : ${SCREENS.join(' ou ')})`);
  return screenConfig(screen);
});
