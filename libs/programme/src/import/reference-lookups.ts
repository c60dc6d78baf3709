import type { LocalizedMessage } from '@techmatch/common';
import { fold } from '../vocabulary.js';

interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface FieldRow extends Named {
  parentCode: string | null;
}

export interface ZoneRow {
  nameZh: string;
  nameEn: string;
  divisionCode: string;
}

export interface InstitutionRow {
  id: string;
  nameZh: string;
  nameEn: string | null;
}

export type Lookup = { code: string } | { problem: LocalizedMessage };

const unknown = (what: LocalizedMessage, text: string, hint: LocalizedMessage): Lookup => ({
  problem: {
    zh: `未知的${what.zh}“${text}”${hint.zh}`,
    en: `unknown ${what.en} "${text}"${hint.en}`,
  },
});

const CITY_PREFIX = /^(河南省)?(洛阳市)?/;
const divisionStem = (name: string): string =>
  fold(name)
    .replace(CITY_PREFIX, '')
    .replace(/(回族区|区|县|市)$/, '');

/**
 * The reference data an import row refers to by name or code — fields, divisions (and development
 * zones), GB/T 4754 divisions, institutions — loaded once per import and looked up in memory, so
 * that 10,000 rows cost no query each. Codes are only accepted when the reference tables hold
 * them, as TaxonomyService.assertKnown checks for the GraphQL inputs.
 */
export class ReferenceLookups {
  private readonly fieldByCode = new Map<string, FieldRow>();
  private readonly fieldsByName = new Map<string, FieldRow[]>();
  private readonly divisionByKey = new Map<string, string>();
  private readonly industryByKey = new Map<string, string>();
  private readonly institutionByName = new Map<string, string>();

  constructor(data: {
    fields: FieldRow[];
    divisions: Named[];
    zones: ZoneRow[];
    industryDivisions: Named[];
    institutions: InstitutionRow[];
  }) {
    for (const field of data.fields) {
      this.fieldByCode.set(fold(field.code), field);
      for (const name of [field.nameZh, field.nameEn]) {
        const key = fold(name);
        this.fieldsByName.set(key, [...(this.fieldsByName.get(key) ?? []), field]);
      }
    }
    for (const division of data.divisions) {
      for (const key of [
        division.code,
        division.nameZh,
        division.nameEn,
        divisionStem(division.nameZh),
      ])
        this.divisionByKey.set(fold(key), division.code);
    }
    for (const zone of data.zones) {
      for (const key of [zone.nameZh, zone.nameEn])
        this.divisionByKey.set(fold(key), zone.divisionCode);
    }
    for (const industry of data.industryDivisions) {
      for (const key of [industry.code, industry.nameZh, industry.nameEn])
        this.industryByKey.set(fold(key), industry.code);
    }
    for (const institution of data.institutions) {
      this.institutionByName.set(fold(institution.nameZh), institution.id);
      if (institution.nameEn) this.institutionByName.set(fold(institution.nameEn), institution.id);
    }
  }

  /**
   * A field by code (0802, HT0401), name (机械工程, 新材料) or 门类/学科 (工学/机械工程). A name that
   * a 门类 and its own 一级学科 share (哲学) is the 一级学科: the finer code.
   */
  field(text: string): Lookup {
    const key = fold(text);
    const byCode = this.fieldByCode.get(key);
    if (byCode) return { code: byCode.code };
    const slash = key.lastIndexOf('/');
    if (slash > 0) {
      const parent = this.fieldsByName.get(key.slice(0, slash)) ?? [];
      const child = (this.fieldsByName.get(key.slice(slash + 1)) ?? []).find((row) =>
        parent.some((p) => p.code === row.parentCode),
      );
      if (child) return { code: child.code };
      // CSL's paired names (中医学/中药学) are one row's whole name.
      const whole = this.fieldsByName.get(key);
      if (whole?.length === 1 && whole[0]) return { code: whole[0].code };
    }
    const named = this.fieldsByName.get(key) ?? [];
    const finest = named.filter((row) => !named.some((other) => other.parentCode === row.code));
    if (finest.length === 1 && finest[0]) return { code: finest[0].code };
    if (finest.length > 1) {
      const codes = finest.map((row) => row.code).join('、');
      return {
        problem: {
          zh: `领域名称“${text}”不唯一（${codes}），请填写代码或“门类/学科”`,
          en: `the field name "${text}" is ambiguous (${codes}); give the code or "category/discipline"`,
        },
      };
    }
    return unknown({ zh: '学科/技术领域', en: 'field' }, text, {
      zh: '（填写学科代码如 0802、高新技术领域代码如 HT0401，或其名称）',
      en: ' (give a discipline code such as 0802, a high-tech field code such as HT0401, or its name)',
    });
  }

  /** A Luoyang division by code, name (伊川县, 伊川, 洛阳市伊川县) or development zone. */
  division(text: string): Lookup {
    const key = fold(text);
    const code = this.divisionByKey.get(key) ?? this.divisionByKey.get(divisionStem(text));
    return code
      ? { code }
      : unknown({ zh: '洛阳市县区', en: 'Luoyang division' }, text, {
          zh: '（填写县区名称如 伊川县，或行政区划代码如 410329）',
          en: ' (give a district or county such as 伊川县, or its code such as 410329)',
        });
  }

  /** A GB/T 4754 大类 by code (34, C34) or name (通用设备制造业). */
  industry(text: string): Lookup {
    // C34 is 34 under its section; a spreadsheet that typed 09 as a number shows 9.
    const key = fold(text)
      .replace(/^[a-t](?=\d{2}$)/, '')
      .replace(/^\d$/, (digit) => `0${digit}`);
    const code = this.industryByKey.get(key);
    return code
      ? { code }
      : unknown({ zh: 'GB/T 4754 行业大类', en: 'GB/T 4754 industry division' }, text, {
          zh: '（填写两位大类代码如 34，或大类名称如 通用设备制造业）',
          en: ' (give a two-digit division code such as 34, or its name)',
        });
  }

  /** A registered institution by its Chinese or English name; imports never create institutions. */
  institution(text: string): { id: string } | { problem: LocalizedMessage } {
    const id = this.institutionByName.get(fold(text));
    return id
      ? { id }
      : {
          problem: {
            zh: `未登记的完成单位“${text}”（机构须先由管理员登记）`,
            en: `no registered institution named "${text}" (an admin registers institutions first)`,
          },
        };
  }
}
