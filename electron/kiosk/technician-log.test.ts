import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { err, ok } from '../../shared/result';
import { appendTechnicianLog, technicianLogLine } from './technician-log';

// Issue 8 §6 — the technician's log: one line per try of the admin code (a real file in a temporary folder).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-technician-log-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('technicianLogLine', () => {
  it('says when, which action, and what came of it, on one line', () => {
    const at = Date.UTC(2026, 11, 2, 9, 14, 3, 120);
    expect(technicianLogLine(at, 'exit', ok(undefined))).toBe('2026-12-02T09:14:03.120Z sortie technicien : acceptée');
    expect(technicianLogLine(at, 'repairing', err({ code: 'deviceTokenNotRemoved', message: 'Jeton\nnon supprimé' })))
      .toBe('2026-12-02T09:14:03.120Z nouvel appairage : refusée (deviceTokenNotRemoved) Jeton non supprimé');
  });
});

describe('appendTechnicianLog', () => {
  it('appends, owner-only', () => {
    const file = path.join(dir, 'technician.log');
    appendTechnicianLog(file, 'un');
    appendTechnicianLog(file, 'deux');
    expect(fs.readFileSync(file, 'utf8')).toBe('un\ndeux\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a log it cannot write is said on stderr, and does not throw', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(() => appendTechnicianLog(path.join(dir, 'absent', 'technician.log'), 'x')).not.toThrow();
    expect(String(write.mock.calls[0]![0])).toMatch(/journal technicien non écrit dans .*absent.*\(ENOENT\)/);
    write.mockRestore();
  });
});
