import { PlatformSetting } from '../../../../shared/formats/sending';
import type { ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey } from '../../../ui/i18n/translate';

/**
 * The platform's address as the manager types it (docs/delivery-api.md « PUT /api/manager/platform »): an
 * `https://` web address, checked here with the same schema the station uses, each mistake named.
 */
export type AddressReading = { ok: true; platformUrl: string } | { ok: false; key: MessageKey };

export function readPlatformAddress(typed: string): AddressReading {
  const text = typed.trim();
  if (text === '') return { ok: false, key: 'centre.addressMissing' };
  if (/^http:\/\//i.test(text)) return { ok: false, key: 'centre.addressNotHttps' };
  if (!/^https:\/\//i.test(text)) return { ok: false, key: 'centre.addressNoScheme' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, key: 'centre.addressInvalid' };
  }
  if (url.hostname === '' || /\s/.test(text)) return { ok: false, key: 'centre.addressInvalid' };
  const platformUrl = `https://${text.slice('https://'.length)}`;
  return PlatformSetting.safeParse({ platformUrl }).success ? { ok: true, platformUrl } : { ok: false, key: 'centre.addressInvalid' };
}

/** The station refused the address: the field's message, or the reason it could not be saved. */
export function addressRefusalKey(error: ClientError): MessageKey {
  if (error.kind === 'refused') return error.error.code === 'invalidBody' ? 'centre.addressInvalid' : errorKey(error.error.code);
  return error.kind === 'network' ? 'client.network' : error.kind === 'timeout' ? 'client.timeout' : 'client.invalidResponse';
}
