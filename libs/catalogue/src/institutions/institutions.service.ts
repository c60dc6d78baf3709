import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, NotFoundError, type RequestContext } from '@techmatch/common';
import { OutboxService, TransactionService } from '@techmatch/database';
import { TaxonomyService } from '../taxonomies/taxonomy.service.js';
import type { InstitutionInput, UpdateInstitutionInput } from './dto/institution.input.js';
import { definedOnly, rejectNulls } from '../shared/input-helpers.js';
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
    private readonly tx: TransactionService,
    private readonly taxonomy: TaxonomyService,
    private readonly outbox: OutboxService,
  ) {}

  /** Admins register institutions; names are unique. */
  async create(_ctx: RequestContext, input: InstitutionInput): Promise<Institution> {
    await this.taxonomy.assertKnown({
      divisionCode: { path: 'input.divisionCode', code: input.divisionCode },
    });
    return this.tx.run(async (em) => {
      await this.assertNameFree(em, input.nameZh);
      return em.save(
        em.create(Institution, {
          ...input,
          nameEn: input.nameEn ?? null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
          contactEmail: input.contactEmail ?? null,
        }),
      );
    });
  }

  async update(_ctx: RequestContext, input: UpdateInstitutionInput): Promise<Institution> {
    const { id, ...changes } = input;
    rejectNulls(changes, ['nameZh', 'kind', 'divisionCode']);
    if (changes.divisionCode) {
      await this.taxonomy.assertKnown({
        divisionCode: { path: 'input.divisionCode', code: changes.divisionCode },
      });
    }
    return this.tx.run(async (em) => {
      const current = await em.findOne(Institution, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundError({ zh: '机构', en: 'institution' }, id);
      if (changes.nameZh && changes.nameZh !== current.nameZh)
        await this.assertNameFree(em, changes.nameZh);
      const saved = await em.save(Institution, { ...current, ...definedOnly(changes) });
      // Its results' search documents carry its name, kind and division.
      await this.outbox.enqueue(em, [{ topic: 'institution', aggregateId: saved.id }]);
      return saved;
    });
  }

  private async assertNameFree(em: EntityManager, nameZh: string): Promise<void> {
    if (await em.existsBy(Institution, { nameZh })) {
      throw new ConflictError(
        { zh: `机构“${nameZh}”已存在`, en: `An institution named ${nameZh} exists already` },
        { field: 'nameZh' },
      );
    }
  }

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
