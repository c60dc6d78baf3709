import { InstitutionKind, type NewInstitution } from '@techmatch/catalogue';
import { Role } from '@techmatch/common';

/**
 * Institutions named in the bureau's 2026 work-conference report (shared context), plus the two
 * universities in Luoyang whose researchers the programme serves. Division codes follow each
 * institution's public address as far as we know it; the demo does not depend on them being exact.
 */
export const DEMO_INSTITUTIONS: NewInstitution[] = [
  {
    nameZh: '龙门实验室',
    nameEn: 'Longmen Laboratory',
    kind: InstitutionKind.PROVINCIAL_LAB,
    divisionCode: '410311',
  },
  {
    nameZh: '中科（洛阳）机器人与智能装备研究院',
    nameEn: 'CAS (Luoyang) Institute of Robotics and Intelligent Equipment',
    kind: InstitutionKind.RESEARCH_INSTITUTE,
    divisionCode: '410307',
  },
  {
    nameZh: '智能矿山重型装备全国重点实验室',
    nameEn: 'State Key Laboratory of Intelligent Mining Heavy Equipment',
    kind: InstitutionKind.ENTERPRISE_LAB,
    divisionCode: '410305',
  },
  {
    nameZh: '河南省先进高温材料中试基地',
    nameEn: 'Henan Pilot Base for Advanced High-Temperature Materials',
    kind: InstitutionKind.PILOT_BASE,
    divisionCode: '410311',
  },
  {
    nameZh: '国家技术转移郑州中心洛阳分中心',
    nameEn: 'Luoyang Branch, National Technology Transfer Zhengzhou Center',
    kind: InstitutionKind.OTHER,
    divisionCode: '410311',
  },
  {
    nameZh: '河南科技大学',
    nameEn: 'Henan University of Science and Technology',
    kind: InstitutionKind.UNIVERSITY,
    divisionCode: '410311',
  },
  {
    nameZh: '洛阳理工学院',
    nameEn: 'Luoyang Institute of Science and Technology',
    kind: InstitutionKind.UNIVERSITY,
    divisionCode: '410311',
  },
];

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
}

/** Demo sign-ins, listed in README.md. Loaded only when DEMO_DATA is on (never by default in production). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.techmatch.cn',
    password: 'Demo-Admin-2026',
    displayName: '洛阳市科技局管理员',
    role: Role.ADMIN,
  },
  {
    email: 'broker@demo.techmatch.cn',
    password: 'Demo-Broker-2026',
    displayName: '技术经纪人 王经理',
    role: Role.BROKER,
  },
  {
    email: 'enterprise@demo.techmatch.cn',
    password: 'Demo-Enterprise-2026',
    displayName: '伊川县 示范企业 联系人',
    role: Role.ENTERPRISE,
  },
  {
    email: 'researcher@demo.techmatch.cn',
    password: 'Demo-Researcher-2026',
    displayName: '河南科技大学 李研究员',
    role: Role.RESEARCHER,
  },
];
