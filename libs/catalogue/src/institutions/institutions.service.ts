import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundError, type RequestContext } from '@techmatch/common';
import { type EntityManager, Repository } from 'typeorm';
import { Institution } from './institution.entity.js';
import type { InstitutionKind } from './institution-kind.js';

export interface NewInstitution {
  nameZh: string;
  nameEn?: string;
  kind: InstitutionKind;
  divisionCode: string;
}

/** The institutions on the supply side of the market. Public information: anyone may list them. */
@Injectable()
export class InstitutionsService {
  constructor(
    @InjectRepository(Institution) private readonly institutions: Repository<Institution>,
  ) {}

  list(_ctx: RequestContext, manager?: EntityManager): Promise<Institution[]> {
    const repository = manager?.getRepository(Institution) ?? this.institutions;
    return repository.find({ order: { nameZh: 'ASC' } });
  }

  async findById(_ctx: RequestContext, id: string): Promise<Institution> {
    const institution = await this.institutions.findOneBy({ id });
    if (!institution) throw new NotFoundError({ zh: '机构', en: 'institution' }, id);
    return institution;
  }

  /** Creates those not yet present (matched by Chinese name); returns how many were created. */
  async ensure(
    _ctx: RequestContext,
    wanted: NewInstitution[],
    manager: EntityManager,
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Institution)
      .values(wanted.map((institution) => ({ ...institution, nameEn: institution.nameEn ?? null })))
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length;
  }
}
