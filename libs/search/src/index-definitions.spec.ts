import { INDEX_SETTINGS, synonymMap } from './index-definitions.js';

describe('index definitions', () => {
  it('successful-synonyms: every term of a group points at all the others, and only them', () => {
    expect(synonymMap([['机器人', 'robot', 'robotics']])).toEqual({
      机器人: ['robot', 'robotics'],
      robot: ['机器人', 'robotics'],
      robotics: ['机器人', 'robot'],
    });
  });

  it('successful-data: the shipped synonyms reach both indexes, zh and en both ways', () => {
    for (const settings of Object.values(INDEX_SETTINGS)) {
      expect(settings.synonyms?.robot).toContain('机器人');
      expect(settings.synonyms?.高温合金).toContain('superalloy');
    }
  });

  it('successful-no-confidential-field: confidential detail is neither searchable nor filterable', () => {
    for (const settings of Object.values(INDEX_SETTINGS)) {
      expect(JSON.stringify(settings)).not.toMatch(/confidential/i);
    }
  });
});
