import { describe, expect, it } from 'vitest';
import { isValidWebhookSignature, signWebhookBody } from './signature';

describe('X-Hub-Signature-256', () => {
  it('matches the published vectors', () => {
    expect(signWebhookBody('secret', 'test')).toBe(
      'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914',
    );
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    expect(
      isValidWebhookSignature(
        'my_app_secret',
        body,
        'sha256=1e948187320e1d8a8ab09e20b7172f8fe97e79394c0980b59b485e00288e389d',
      ),
    ).toBe(true);
  });
  it('refuses re-serialised JSON, another secret, and malformed headers', () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const header = signWebhookBody('my_app_secret', body);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body), null, 1));
    expect(isValidWebhookSignature('my_app_secret', reserialised, header)).toBe(false);
    expect(isValidWebhookSignature('other', Buffer.from(body), header)).toBe(false);
    expect(isValidWebhookSignature('my_app_secret', Buffer.from(body), undefined)).toBe(false);
    expect(isValidWebhookSignature('my_app_secret', Buffer.from(body), 'sha1=abc')).toBe(false);
  });
});
