import { Injectable } from '@nestjs/common';
import { ConflictError, type FieldProblem, invalidFields } from '@techmatch/common';
import { type EntityManager, In } from 'typeorm';
import { parsePatentNumber } from '../validation/patent-number.js';
import type { PatentInput } from '../results/dto/result.input.js';
import { Patent } from './patent.entity.js';

/**
 * Records the patents behind a result. Numbers are stored normalised, so 'ZL 2023 1 0123456.6' and
 * '202310123456.6' are one patent, and a patent can back only one result.
 */
@Injectable()
export class PatentRegistry {
  async attach(
    em: EntityManager,
    resultId: string,
    patents: PatentInput[],
    path: string,
  ): Promise<Patent[]> {
    if (patents.length === 0) return [];
    const numbers = patents.map(
      (patent) => parsePatentNumber(patent.number)?.normalised ?? patent.number,
    );
    const repeated = numbers.filter((number, index) => numbers.indexOf(number) !== index);
    if (repeated.length > 0) {
      const problems: FieldProblem[] = [
        {
          path,
          constraints: ['uniquePatentNumbers'],
          message: {
            zh: `专利号重复：${repeated.join('、')}`,
            en: `Patent numbers repeated: ${repeated.join(', ')}`,
          },
        },
      ];
      throw invalidFields(problems);
    }
    const taken = await em.findBy(Patent, { number: In(numbers) });
    if (taken.length > 0) {
      const list = taken.map((patent) => patent.number).join(', ');
      throw new ConflictError(
        {
          zh: `专利已登记在其他成果下：${list}`,
          en: `Patents already registered with another result: ${list}`,
        },
        { field: path, numbers: taken.map((patent) => patent.number) },
      );
    }
    return em.save(
      patents.map((patent, index) =>
        em.create(Patent, {
          ...patent,
          number: numbers[index],
          owners: patent.owners,
          openLicenceFeeYuan: patent.openLicenceFeeYuan ?? null,
          filedOn: patent.filedOn ?? null,
          grantedOn: patent.grantedOn ?? null,
          expiresOn: patent.expiresOn ?? null,
          resultId,
        }),
      ),
    );
  }
}
