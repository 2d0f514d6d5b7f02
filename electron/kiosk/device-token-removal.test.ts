import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDeviceToken } from './device-token-removal';

// Issue 8 §6 — « Appairer de nouveau » removes the device token file (a real file in a temporary folder).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-token-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('removeDeviceToken', () => {
  it('removes the token file; a token already gone is fine', () => {
    const file = path.join(dir, 'device-token');
    fs.writeFileSync(file, 'pk_abcdefghijklmnopqrstuvwxyz\n', { mode: 0o600 });
    expect(removeDeviceToken(file)).toEqual({ ok: true, value: undefined });
    expect(fs.existsSync(file)).toBe(false);
    expect(removeDeviceToken(file).ok).toBe(true);
  });

  it('says in French which file it could not remove, and why, and leaves it', () => {
    const folder = path.join(dir, 'not-a-file');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside'), 'x');
    const removed = removeDeviceToken(folder);
    expect(removed.ok).toBe(false);
    if (!removed.ok) {
      expect(removed.error.code).toBe('deviceTokenNotRemoved');
      expect(removed.error.message).toMatch(/^Jeton de poste non supprimé \(\w+\) : /);
      expect(removed.error.message).toContain(folder);
    }
    expect(fs.existsSync(path.join(folder, 'inside'))).toBe(true);
  });
});
