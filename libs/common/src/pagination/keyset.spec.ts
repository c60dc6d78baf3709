import { lazily } from './keyset.js';

describe('lazily', () => {
  it('successful-on-demand: nothing runs until awaited, then once however often it is awaited', async () => {
    let runs = 0;
    const count = lazily(() => Promise.resolve(42 + runs++));
    const copy = { ...{ totalCount: count } };
    expect(runs).toBe(0);
    expect(await copy.totalCount).toBe(42);
    expect(await Promise.all([count, count])).toEqual([42, 42]);
    expect(runs).toBe(1);
  });

  it('failing-compute: a rejection reaches whoever awaits', async () => {
    const count = lazily(() => Promise.reject(new Error('no database')));
    await expect(Promise.resolve(count)).rejects.toThrow('no database');
  });
});
