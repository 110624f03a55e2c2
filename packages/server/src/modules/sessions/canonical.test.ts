import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './canonical';

describe('canonical JSON for the record hash', () => {
  it('gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 'ç' }] })).toBe('{"a":[{"x":"ç","y":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });

  it('changes when any value changes', () => {
    expect(contentHash({ quantity: 4 })).not.toBe(contentHash({ quantity: 4.5 }));
  });

  it('drops undefined members and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, d: new Date('2026-12-03T10:00:00Z') })).toBe(
      '{"d":"2026-12-03T10:00:00.000Z"}',
    );
  });
});
