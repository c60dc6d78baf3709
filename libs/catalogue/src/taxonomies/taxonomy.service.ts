import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type FieldProblem, invalidFields, type RequestContext } from '@techmatch/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DivisionKind, FieldScheme, IndustryLevel } from '../shared/catalogue-enums.js';
import { Division } from './division.entity.js';
import { TechField } from './field.entity.js';
import { Industry } from './industry.entity.js';

interface TreeRow {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
}

const readData = async <T>(file: string): Promise<T[]> =>
  JSON.parse(await readFile(join(import.meta.dirname, 'data', file), 'utf8')) as T[];

/** The codes an input refers to; each is checked against the reference tables. */
export interface CodeReferences {
  fieldCodes?: { path: string; codes: string[] };
  industryCode?: { path: string; code: string };
  divisionCode?: { path: string; code: string };
}

/**
 * The reference taxonomies: field tree, GB/T 4754 industries and Luoyang's divisions. They are data
 * (taxonomies/data/*.json), upserted into their tables at every start so that a corrected name
 * reaches every deployment; the 14 divisions are also inserted by the migration that created them,
 * because other tables' foreign keys need them from the start.
 */
@Injectable()
export class TaxonomyService {
  private readonly logger = new Logger(TaxonomyService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async syncReferenceData(): Promise<void> {
    const disciplines = await readData<TreeRow>('disciplines.json');
    const highTech = await readData<TreeRow>('high-tech-fields.json');
    const industries = await readData<TreeRow & { level: IndustryLevel }>('industries.json');
    const divisions = await readData<Omit<Division, never>>('divisions.json');
    const fields = [
      ...disciplines.map((row) => ({ ...row, scheme: FieldScheme.DISCIPLINE })),
      ...highTech.map((row) => ({ ...row, scheme: FieldScheme.HIGH_TECH })),
    ];
    await this.dataSource.transaction(async (em) => {
      await em.upsert(Division, divisions, ['code']);
      await em.upsert(Industry, industries, ['code']);
      await em.upsert(TechField, fields, ['code']);
    });
    this.logger.debug(
      `Reference data: ${fields.length} fields, ${industries.length} industries, ${divisions.length} divisions`,
    );
  }

  fields(
    _ctx: RequestContext,
    scheme?: FieldScheme,
    parentCode?: string | null,
  ): Promise<TechField[]> {
    return this.dataSource.getRepository(TechField).find({
      where: {
        ...(scheme ? { scheme } : {}),
        ...(parentCode !== undefined ? { parentCode: parentCode ?? undefined } : {}),
      },
      order: { code: 'ASC' },
    });
  }

  industries(_ctx: RequestContext, level?: IndustryLevel): Promise<Industry[]> {
    return this.dataSource
      .getRepository(Industry)
      .find({ where: level ? { level } : {}, order: { code: 'ASC' } });
  }

  /** Development zones and the division each counts under (approximate: see data/README.md). */
  developmentZones(
    _ctx: RequestContext,
  ): Promise<Array<{ nameZh: string; nameEn: string; divisionCode: string }>> {
    return readData('development-zones.json');
  }

  divisions(_ctx: RequestContext, kind?: DivisionKind): Promise<Division[]> {
    return this.dataSource
      .getRepository(Division)
      .find({ where: kind ? { kind } : {}, order: { code: 'ASC' } });
  }

  /** The codes themselves plus every descendant: filtering by 08 (工学) finds results coded 0802. */
  async withDescendants(codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.dataSource.query<Array<{ code: string }>>(
      `WITH RECURSIVE tree AS (
         SELECT code FROM fields WHERE code = ANY($1)
         UNION SELECT f.code FROM fields f JOIN tree t ON f.parent_code = t.code)
       SELECT code FROM tree`,
      [codes],
    );
    return rows.map((row) => row.code);
  }

  /** Throws one BAD_USER_INPUT naming every unknown code, or returns quietly. */
  async assertKnown(references: CodeReferences, manager?: EntityManager): Promise<void> {
    const em = manager ?? this.dataSource.manager;
    const problems: FieldProblem[] = [];
    const { fieldCodes, industryCode, divisionCode } = references;
    if (fieldCodes && fieldCodes.codes.length > 0) {
      const found = await em.findBy(TechField, { code: In(fieldCodes.codes) });
      const unknown = fieldCodes.codes.filter((code) => !found.some((row) => row.code === code));
      if (unknown.length > 0)
        problems.push(unknownCode(fieldCodes.path, unknown, '学科/技术领域', 'field'));
    }
    if (
      industryCode &&
      !(await em.existsBy(Industry, { code: industryCode.code, level: IndustryLevel.DIVISION }))
    ) {
      problems.push(
        unknownCode(
          industryCode.path,
          [industryCode.code],
          'GB/T 4754 行业大类',
          'GB/T 4754 industry division',
        ),
      );
    }
    if (divisionCode && !(await em.existsBy(Division, { code: divisionCode.code }))) {
      problems.push(
        unknownCode(divisionCode.path, [divisionCode.code], '洛阳市行政区划', 'Luoyang division'),
      );
    }
    if (problems.length > 0) throw invalidFields(problems);
  }
}

function unknownCode(path: string, codes: string[], zh: string, en: string): FieldProblem {
  return {
    path,
    constraints: ['knownCode'],
    message: {
      zh: `未知的${zh}代码：${codes.join('、')}`,
      en: `Unknown ${en} code: ${codes.join(', ')}`,
    },
  };
}
