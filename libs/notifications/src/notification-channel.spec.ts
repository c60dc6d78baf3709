import {
  ANNOUNCEMENTS_PER_NOTIFY,
  chunk,
  decodeAnnouncements,
  encodeAnnouncements,
  stableJson,
} from './notification-channel.js';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('notification channel payloads', () => {
  it('successful-round-trip: decoding what was encoded gives the same entries', () => {
    const entries = [
      [ID, OTHER],
      [OTHER, ID],
    ] as const;
    expect(decodeAnnouncements(encodeAnnouncements(entries))).toEqual(entries);
  });

  it('successful-size: a full chunk stays under the 8,000-byte NOTIFY limit', () => {
    const full = Array.from({ length: ANNOUNCEMENTS_PER_NOTIFY }, () => [ID, OTHER] as const);
    expect(Buffer.byteLength(encodeAnnouncements(full))).toBeLessThan(8000);
  });

  it('failing-foreign-payloads: anything malformed is ignored, not thrown', () => {
    expect(decodeAnnouncements(undefined)).toEqual([]);
    expect(decodeAnnouncements('not json')).toEqual([]);
    expect(decodeAnnouncements('{"ids":[]}')).toEqual([]);
    expect(decodeAnnouncements(JSON.stringify([[ID], [ID, 'x'], [ID, OTHER], 'x']))).toEqual([
      [ID, OTHER],
    ]);
  });

  it('successful-chunk: splits into pieces of at most the given size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });

  it('successful-stable-json: key order and undefined fields do not change the key', () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe(
      stableJson({ a: { d: [1, 2] }, b: 1 }),
    );
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });
});
