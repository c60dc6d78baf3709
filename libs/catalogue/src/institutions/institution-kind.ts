import { registerEnumType } from '@nestjs/graphql';

export enum InstitutionKind {
  UNIVERSITY = 'UNIVERSITY',
  PROVINCIAL_LAB = 'PROVINCIAL_LAB',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
  PILOT_BASE = 'PILOT_BASE',
  ENTERPRISE_LAB = 'ENTERPRISE_LAB',
  OTHER = 'OTHER',
}

registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description:
    'UNIVERSITY 高校, PROVINCIAL_LAB 省实验室, RESEARCH_INSTITUTE 科研院所, PILOT_BASE 中试基地, ' +
    'ENTERPRISE_LAB 企业研发平台, OTHER 其他',
});
