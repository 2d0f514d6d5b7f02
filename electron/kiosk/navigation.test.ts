import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from './navigation';

const STATION = 'https://192.168.1.10:8443';

describe('isAllowedNavigation (kiosk lockdown §2)', () => {
  it.each([
    ['https://192.168.1.10:8443/kiosk/', true],
    ['https://192.168.1.10:8443/kiosk/test?x=1#q3', true],
    ['https://192.168.1.10:8444/kiosk/', false],
    ['http://192.168.1.10:8443/kiosk/', false],
    ['https://192.168.1.10:8443.evil.example/', false],
    ['https://192.168.1.100:8443/', false],
    ['https://user:pw@192.168.1.10:8443/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,hello', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedNavigation(url, STATION)).toBe(expected);
  });
});
