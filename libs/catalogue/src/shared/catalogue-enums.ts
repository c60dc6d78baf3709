import { registerEnumType } from '@nestjs/graphql';

/** How a result may be transferred, and how an enterprise wants to cooperate. */
export enum TransferMode {
  TRANSFER = 'TRANSFER',
  LICENSE = 'LICENSE',
  TRIAL_FIRST_LICENSE = 'TRIAL_FIRST_LICENSE',
  JOINT_DEVELOPMENT = 'JOINT_DEVELOPMENT',
  EQUITY = 'EQUITY',
  SERVICE = 'SERVICE',
}

export enum ResultStage {
  LAB = 'LAB',
  PILOT = 'PILOT',
  INDUSTRIALISATION = 'INDUSTRIALISATION',
  MASS_PRODUCTION = 'MASS_PRODUCTION',
}

export enum ResultLevel {
  INTERNATIONAL_LEADING = 'INTERNATIONAL_LEADING',
  INTERNATIONAL_ADVANCED = 'INTERNATIONAL_ADVANCED',
  DOMESTIC_LEADING = 'DOMESTIC_LEADING',
  DOMESTIC_ADVANCED = 'DOMESTIC_ADVANCED',
  NOT_EVALUATED = 'NOT_EVALUATED',
}

export enum ResultStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** MATCHING and IN_DEAL are set by the matching and deals contexts; people move the others. */
export enum NeedStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  MATCHING = 'MATCHING',
  IN_DEAL = 'IN_DEAL',
  CLOSED = 'CLOSED',
}

export enum PatentKind {
  INVENTION = 'INVENTION',
  UTILITY_MODEL = 'UTILITY_MODEL',
  DESIGN = 'DESIGN',
}

export enum PatentLegalStatus {
  PENDING = 'PENDING',
  GRANTED = 'GRANTED',
  EXPIRED = 'EXPIRED',
  INVALIDATED = 'INVALIDATED',
}

export enum EnterpriseQualification {
  HIGH_TECH = 'HIGH_TECH',
  TECH_SME = 'TECH_SME',
  SPECIALISED = 'SPECIALISED',
}

/** The bureau's cultivation pools: 选种 → 育苗 → 培优 → 升规. */
export enum CultivationTier {
  SEED = 'SEED',
  SPROUT = 'SPROUT',
  GROWTH = 'GROWTH',
  LEADING = 'LEADING',
}

export enum DivisionKind {
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
}

export enum FieldScheme {
  DISCIPLINE = 'DISCIPLINE',
  HIGH_TECH = 'HIGH_TECH',
}

export enum IndustryLevel {
  SECTION = 'SECTION',
  DIVISION = 'DIVISION',
}

registerEnumType(TransferMode, {
  name: 'TransferMode',
  description: '转让 / 许可 / 先试用后付费许可 / 合作开发 / 作价入股 / 技术服务',
});
registerEnumType(ResultStage, {
  name: 'ResultStage',
  description: '实验室 / 中试 / 产业化 / 批量生产',
});
registerEnumType(ResultLevel, { name: 'ResultLevel', description: '国际领先 … 未评价' });
registerEnumType(ResultStatus, { name: 'ResultStatus' });
registerEnumType(NeedStatus, { name: 'NeedStatus' });
registerEnumType(PatentKind, { name: 'PatentKind', description: '发明 / 实用新型 / 外观设计' });
registerEnumType(PatentLegalStatus, { name: 'PatentLegalStatus' });
registerEnumType(EnterpriseQualification, {
  name: 'EnterpriseQualification',
  description: '高新技术企业 / 科技型中小企业 / 专精特新',
});
registerEnumType(CultivationTier, {
  name: 'CultivationTier',
  description: '选种 / 育苗 / 培优 / 升规',
});
registerEnumType(DivisionKind, { name: 'DivisionKind', description: '市辖区 / 县' });
registerEnumType(FieldScheme, { name: 'FieldScheme', description: '学科目录 / 高新技术领域' });
registerEnumType(IndustryLevel, { name: 'IndustryLevel', description: 'GB/T 4754 门类 / 大类' });
