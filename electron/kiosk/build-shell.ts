import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { hashBuild } from './shell-context';

/**
 * Bundles the kiosk shell into an Electron app folder (`npm run build:kiosk-shell` → dist/app/kiosk/):
 * `kiosk-main.js` (main process, zod and the shared code inside, `electron` and Node's modules outside),
 * `kiosk-preload.js` (the sandboxed preload: it may require `electron` only, so everything else is inlined) and a
 * `package.json` naming the main; the pairing page (`pairing.html`, `pairing.css`, `pairing-page.js`) and its preload
 * (`kiosk-pairing-preload.js`). Those files are the build hash's input (shell-context.ts BUILD_FILES), printed last.
 * Run with `electron dist/app/kiosk` where the binary exists; packaged by electron-builder with the fuses of the README.
 */
export function buildKioskShell(outDir: string, version: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node22', external: ['electron'], legalComments: 'none' as const, logLevel: 'silent' as const };
  buildSync({ ...common, entryPoints: [path.join(__dirname, 'main.ts')], outfile: path.join(outDir, 'kiosk-main.js') });
  // A sandboxed preload is a script, not a CommonJS module: an IIFE with only `require('electron')` inside.
  buildSync({ ...common, format: 'iife', entryPoints: [path.join(__dirname, 'preload.ts')], outfile: path.join(outDir, 'kiosk-preload.js') });
  buildSync({ ...common, format: 'iife', entryPoints: [path.join(__dirname, 'pairing-preload.ts')], outfile: path.join(outDir, 'kiosk-pairing-preload.js') });
  // The pairing page (issue 8 §6): a browser script, its HTML and CSS as they are.
  buildSync({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', external: [], entryPoints: [path.join(__dirname, 'pairing-page', 'pairing-page.ts')], outfile: path.join(outDir, 'pairing-page.js') });
  for (const file of ['pairing.html', 'pairing.css']) fs.copyFileSync(path.join(__dirname, 'pairing-page', file), path.join(outDir, file));
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: 'passation-kiosk', version, private: true, main: 'kiosk-main.js' }, null, 2)}\n`);
  return ['kiosk-main.js', 'kiosk-preload.js', 'kiosk-pairing-preload.js', 'pairing-page.js', 'pairing.html', 'pairing.css', 'package.json'];
}

if (require.main === module) {
  const root = path.join(__dirname, '..', '..');
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const out = path.join(root, 'dist', 'app', 'kiosk');
  for (const file of buildKioskShell(out, version)) process.stdout.write(`${path.join(out, file)}\n`);
  // What the station lists in DATA/kiosk-builds.txt to accept this build without re-pairing (issue 8 §5).
  process.stdout.write(`empreinte du build (kiosk-builds.txt) : ${hashBuild(out)}\n`);
}
