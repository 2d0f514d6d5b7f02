import { expect, it } from 'vitest';
import { z } from 'zod';
import { storedEnum } from './stored-enum';

it('a stored enum value is returned as it is; anything else is refused, naming the column', () => {
  const state = storedEnum(z.enum(['started', 'completed']), 'tests.state');
  expect(state('started')).toBe('started');
  expect(() => state('Started')).toThrow('tests.state = "Started"');
  expect(() => state(null)).toThrow('tests.state = null');
});
