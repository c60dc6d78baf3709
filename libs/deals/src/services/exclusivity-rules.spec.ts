import { Exclusivity } from '../entities/deal-enums.js';
import { conflictingGrants, territoriesOverlap } from './exclusivity-rules.js';

describe('exclusivity rules', () => {
  it.each([
    [[], [], true],
    [[], ['410323'], true],
    [['410323'], ['410323'], true],
    [['410300'], ['410323'], true], // Luoyang covers 新安县
    [['410000'], ['410323'], true], // Henan covers it too
    [['410323'], ['410324'], false],
    [['410300'], ['410100'], false],
  ])('territoriesOverlap(%j, %j) = %s', (a, b, expected) => {
    expect(territoriesOverlap(a, b)).toBe(expected);
    expect(territoriesOverlap(b, a)).toBe(expected);
  });

  const grant = (exclusivity: Exclusivity, territoryCodes: string[] = []) => ({
    dealId: 'd',
    patentId: 'p',
    exclusivity,
    territoryCodes,
  });

  it.each([
    [Exclusivity.EXCLUSIVE, Exclusivity.NON_EXCLUSIVE, 1],
    [Exclusivity.NON_EXCLUSIVE, Exclusivity.SOLE, 1],
    [Exclusivity.SOLE, Exclusivity.EXCLUSIVE, 1],
    [Exclusivity.NON_EXCLUSIVE, Exclusivity.NON_EXCLUSIVE, 0],
  ])('a new %s grant against a held %s grant: %d conflict(s)', (mine, theirs, expected) => {
    expect(
      conflictingGrants({ exclusivity: mine, territoryCodes: [] }, [grant(theirs)]),
    ).toHaveLength(expected);
  });

  it('successful-disjoint-territories: exclusive grants in different counties coexist', () => {
    expect(
      conflictingGrants({ exclusivity: Exclusivity.EXCLUSIVE, territoryCodes: ['410323'] }, [
        grant(Exclusivity.EXCLUSIVE, ['410324']),
      ]),
    ).toEqual([]);
  });
});
