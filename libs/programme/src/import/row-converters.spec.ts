import {
  NeedStatus,
  PatentKind,
  PatentLegalStatus,
  ResultLevel,
  ResultStage,
  ResultStatus,
  TransferMode,
} from '@techmatch/catalogue';
import { mapHeaders } from './import-columns.js';
import { ReferenceLookups } from './reference-lookups.js';
import { convertRow } from './row-converters.js';

const lookups = new ReferenceLookups({
  fields: [
    { code: '08', nameZh: '工学', nameEn: 'Engineering', parentCode: null },
    { code: '0802', nameZh: '机械工程', nameEn: 'Mechanical Engineering', parentCode: '08' },
    { code: '01', nameZh: '哲学', nameEn: 'Philosophy', parentCode: null },
    { code: '0101', nameZh: '哲学', nameEn: 'Philosophy', parentCode: '01' },
    { code: 'HT04', nameZh: '新材料', nameEn: 'New Materials', parentCode: null },
  ],
  divisions: [
    { code: '410304', nameZh: '瀍河回族区', nameEn: 'Chanhe Hui District' },
    { code: '410305', nameZh: '涧西区', nameEn: 'Jianxi District' },
    { code: '410329', nameZh: '伊川县', nameEn: 'Yichuan County' },
  ],
  zones: [{ nameZh: '洛阳高新技术产业开发区', nameEn: 'High-tech Zone', divisionCode: '410305' }],
  industryDivisions: [
    { code: '09', nameZh: '有色金属矿采选业', nameEn: 'Mining' },
    { code: '34', nameZh: '通用设备制造业', nameEn: 'General Equipment' },
  ],
  institutions: [
    { id: 'inst-1', nameZh: '河南科技大学', nameEn: 'Henan University of Science and Technology' },
  ],
});

function convert(kind: 'results' | 'needs' | 'enterprises', row: Record<string, string>) {
  const headers = Object.keys(row);
  return convertRow(kind, mapHeaders(kind, headers), Object.values(row), 7, lookups);
}

describe('row conversion', () => {
  it('successful-result-row: names and words become codes, the stage gives the TRL', () => {
    const converted = convert('results', {
      成果名称: '轴承钢超纯净冶炼技术',
      成果简介: '提出了轴承钢炉外精炼过程中夹杂物控制的新方法。',
      所属领域: '工学/机械工程；HT04；哲学',
      成果所处阶段: '小试',
      拟采取的转化方式: '技术转让、先试用后付费',
      完成单位: ' 河南科技大学 ',
      关键词: '轴承钢；夹杂物',
      专利号: 'ZL 2025 1 0731001.1；CN114911801A',
      成果水平: '国内领先',
      '意向价格（万元）': '80-120',
      是否职务成果: '否',
    });
    expect(converted.problems).toEqual([]);
    expect(converted.status).toBe(ResultStatus.PUBLISHED);
    expect(converted.input).toMatchObject({
      institutionId: 'inst-1',
      fieldCodes: ['0802', 'HT04', '0101'],
      stage: ResultStage.LAB,
      trl: 4,
      modes: [TransferMode.TRANSFER, TransferMode.TRIAL_FIRST_LICENSE],
      level: ResultLevel.DOMESTIC_LEADING,
      priceMinYuan: 800_000,
      priceMaxYuan: 1_200_000,
      serviceInvention: false,
      keywords: ['轴承钢', '夹杂物'],
    });
    expect(converted.input.patents).toEqual([
      expect.objectContaining({
        kind: PatentKind.INVENTION,
        legalStatus: PatentLegalStatus.GRANTED,
        owners: ['河南科技大学'],
      }),
      expect.objectContaining({ number: 'CN114911801A', legalStatus: PatentLegalStatus.PENDING }),
    ]);
    expect(converted.columnOf('patents.1.number')).toBe('专利号');
    expect(converted.columnOf('trl')).toBe('成果所处阶段');
  });

  it('successful-defused-formula: the apostrophe a CSV export adds before "=" is dropped again', () => {
    const converted = convert('results', { 成果名称: "'=SUM 方法", 完成单位: '河南科技大学' });
    expect(converted.input.title).toBe('=SUM 方法');
  });

  it('successful-trl-column: a TRL column wins, and alone gives the stage', () => {
    const converted = convert('results', {
      成果名称: 'x',
      完成单位: '河南科技大学',
      技术成熟度: '8',
    });
    expect(converted.input).toMatchObject({ trl: 8, stage: ResultStage.INDUSTRIALISATION });
    expect(converted.columnOf('trl')).toBe('技术成熟度');
  });

  it('failing-result-cells: unknown institution, field, mode and stage, each on its column', () => {
    const converted = convert('results', {
      成果名称: 'x',
      完成单位: '洛阳某某大学',
      所属领域: '炼金术',
      拟采取的转化方式: '买断',
      成果所处阶段: '研究中期',
      意向价格: '很贵',
    });
    expect(converted.problems.map((problem) => [problem.row, problem.column])).toEqual([
      [7, '完成单位'],
      [7, '所属领域'],
      [7, '成果所处阶段'],
      [7, '拟采取的转化方式'],
      [7, '意向价格'],
    ]);
    expect(converted.problems[0]?.reason.zh).toContain('未登记的完成单位“洛阳某某大学”');
    expect(converted.problems[3]?.reason.en).toContain('one of: 先试用后付费、转让、许可');
  });

  it('successful-need-row: budget in 万元, dates, enterprise by credit code', () => {
    const converted = convert('needs', {
      需求名称: '液压缸密封件寿命提升',
      统一社会信用代码: '91410327552983033W',
      预算: '50',
      截止日期: '2031年3月31日',
      拟合作方式: '合作开发',
      状态: '草稿',
    });
    expect(converted.input).toMatchObject({
      budgetMinYuan: null,
      budgetMaxYuan: 500_000,
      deadline: '2031-03-31',
      modes: [TransferMode.JOINT_DEVELOPMENT],
    });
    expect(converted.enterprise).toEqual({ uscc: '91410327552983033W', name: null });
    expect(converted.status).toBe(NeedStatus.DRAFT);
    expect(converted.columnOf('enterpriseId')).toBe('统一社会信用代码');
  });

  it('successful-enterprise-row: division by short name or zone, industry by code or name', () => {
    const short = convert('enterprises', {
      企业名称: '甲',
      统一社会信用代码: 'x',
      所在县区: '瀍河区',
      所属行业: 'C34',
      企业资质: '高新技术企业；专精特新',
      培育层级: '育苗',
    });
    expect(short.problems).toEqual([]);
    expect(short.input).toMatchObject({
      divisionCode: '410304',
      industryCode: '34',
      qualifications: ['HIGH_TECH', 'SPECIALISED'],
      cultivationTier: 'SPROUT',
    });
    const zone = convert('enterprises', {
      企业名称: '乙',
      统一社会信用代码: 'x',
      所在县区: '洛阳高新技术产业开发区',
      所属行业: '9',
    });
    expect(zone.input).toMatchObject({ divisionCode: '410305', industryCode: '09' });
  });

  it('failing-enterprise-row: an empty or unknown division is reported once, on its column', () => {
    const converted = convert('enterprises', {
      企业名称: '丙',
      统一社会信用代码: 'x',
      所在县区: '郑州市',
      所属行业: '',
    });
    expect(converted.problems.map((problem) => problem.column)).toEqual(['所在县区', '所属行业']);
    expect(converted.problems[1]?.reason.zh).toBe('所属行业不能为空');
  });
});
