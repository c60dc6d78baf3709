import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index.js';

describe('MIGRATIONS', () => {
  it('successful-complete: lists every migration file in the folder, in timestamp order', () => {
    const files = readdirSync(import.meta.dirname)
      .filter((file) => /^\d{13}-[A-Za-z0-9]+\.ts$/.test(file))
      .map((file) => file.replace(/^(\d{13})-(\w+)\.ts$/, '$2$1'))
      .sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13)));
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(files);
  });
});
