import { decodeDealEventAnnouncement } from './deal-event-channel.js';
import { LiveFeed } from './live-feed.js';

const DEAL = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('deal event announcements and live feeds', () => {
  it('successful-decode: what the trigger sends is read back', () => {
    expect(decodeDealEventAnnouncement(`["${DEAL.toUpperCase()}", 7]`)).toEqual({
      dealId: DEAL,
      sequence: 7,
    });
  });

  it('failing-foreign-payloads: anything malformed is ignored, not thrown', () => {
    for (const payload of [
      undefined,
      '',
      'not json',
      '{}',
      `["${DEAL}"]`,
      `["${DEAL}", "7"]`,
      `["${DEAL}", 0]`,
      `["${DEAL}", 1.5]`,
      '["x", 1]',
    ])
      expect(decodeDealEventAnnouncement(payload)).toBeNull();
  });

  it('successful-order: values pushed before and after a read arrive in order', async () => {
    const feed = new LiveFeed<number>(() => undefined);
    feed.push(1);
    expect(await feed.next()).toEqual({ value: 1, done: false });
    const second = feed.next();
    const third = feed.next();
    feed.push(2);
    feed.push(3);
    expect(await second).toEqual({ value: 2, done: false });
    expect(await third).toEqual({ value: 3, done: false });
  });

  it('successful-return: the consumer leaving ends pending reads and runs onClose once', async () => {
    let closed = 0;
    const feed = new LiveFeed<number>(() => closed++);
    const pending = feed.next();
    await feed.return();
    await feed.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    feed.push(4);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('failing-slow-consumer: past the limit the feed ends instead of growing', async () => {
    let closed = false;
    const feed = new LiveFeed<number>(() => (closed = true), 2);
    feed.push(1);
    feed.push(2);
    expect(closed).toBe(false);
    feed.push(3);
    expect(closed).toBe(true);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });
});
