import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { fr } from '../../ui/i18n/catalogue-fr';
import type { OutboxState } from '../answers/outbox';
import { AnswersBanner } from './banners';

// Issue 8 §2 — the kept-answers banner. The outage proof (e2e/kiosk-outage.spec.ts) showed « Continuez votre
// test » above « Appelez le surveillant » after a reload during an outage: the banner only says to go on while the
// pupil is answering.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

const outbox = (state: Partial<OutboxState>) => createStore<OutboxState>(() => ({
  pending: 2, setAside: 0, station: 'unreachable', lastError: 'network', waiting: null, sending: false, ...state,
}));

describe('AnswersBanner', () => {
  it('says to go on with the test while the pupil is answering', () => {
    render(<AnswersBanner outbox={outbox({})} answering />);
    expect(screen.getByRole('status').textContent).toBe(fr['banner.answersKeptHere']);
    expect(screen.getByRole('status').textContent).toContain('Continuez votre test');
  });

  it('on any other screen (« Appelez le surveillant », a suspension), only that the answers are kept', () => {
    render(<AnswersBanner outbox={outbox({})} answering={false} />);
    expect(screen.getByRole('status').textContent).toBe(fr['banner.answersKeptHereWaiting']);
    expect(screen.getByRole('status').textContent).not.toContain('Continuez');
  });

  it('nothing while the station answers', () => {
    render(<AnswersBanner outbox={outbox({ station: 'reachable', pending: 0, lastError: null })} answering={false} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
