import { describe, expect, it } from 'vitest';
import { boardLinkAfter, boardUnreachable, type BoardLink } from './link-state';

// Issue 10 §1 — the banner while the station cannot be reached: health check failed, or the open socket retrying.

const reachable = { kind: 'reachable', checkedAt: 0 } as const;
describe('boardUnreachable', () => {
  it('shows for a failed health check, or a socket that was open and is retrying; not for a first connection', () => {
    const start: BoardLink = { live: null, wasOpen: false };
    const retryingFirst = boardLinkAfter(start, { kind: 'retrying', attempt: 1, nextAttemptAt: 0, closeCode: null });
    expect(boardUnreachable(reachable, retryingFirst)).toBe(false);
    const open = boardLinkAfter(retryingFirst, { kind: 'open', since: 0 });
    expect(boardUnreachable(reachable, open)).toBe(false);
    const dropped = boardLinkAfter(open, { kind: 'retrying', attempt: 1, nextAttemptAt: 0, closeCode: 1006 });
    expect(boardUnreachable(reachable, dropped)).toBe(true);
    expect(boardUnreachable(reachable, boardLinkAfter(dropped, { kind: 'open', since: 1 }))).toBe(false);
    expect(boardUnreachable({ kind: 'unreachable', checkedAt: 0, reason: 'network' }, open)).toBe(true);
  });
});
