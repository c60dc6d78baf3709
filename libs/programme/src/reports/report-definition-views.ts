import type { ReportFigureDefinition } from './dto/report.model.js';
import {
  FIGURES,
  type FigureDefinition,
  FUNNEL_RULE_EN,
  FUNNEL_RULE_ZH,
  FUNNEL_STAGES,
  REPORT_SOURCES,
  type SourceDimensions,
} from './report-definitions.js';
import { fromClause } from './report-sql.js';

/** The filters a source's records can be filtered by, as ReportFilter names them. */
function filtersOf(dimensions: SourceDimensions): string[] {
  return [
    'from',
    'to',
    ...(dimensions.enterpriseDivision ? ['divisionCode'] : []),
    ...(dimensions.institution ? ['institutionId'] : []),
    ...(dimensions.institutionKind ? ['institutionKind'] : []),
    ...(dimensions.fieldCodes ? ['fieldCode'] : []),
    ...(dimensions.dealKind ? ['dealKind'] : []),
  ];
}

function view(figure: FigureDefinition): ReportFigureDefinition {
  const text = {
    key: figure.key,
    unit: figure.unit,
    nameZh: figure.nameZh,
    nameEn: figure.nameEn,
    descriptionZh: figure.descriptionZh,
    descriptionEn: figure.descriptionEn,
  };
  if (figure.kind === 'RATE') {
    const numerator = FIGURES[figure.numerator];
    const filters =
      numerator.kind === 'RATE' ? [] : filtersOf(REPORT_SOURCES[numerator.source].dimensions);
    return {
      ...text,
      kind: 'RATE',
      sourceSql: null,
      instantSql: null,
      conditionSql: null,
      valueSql: `${figure.numerator} / NULLIF(${figure.denominator}, 0)`,
      filters,
    };
  }
  const source = REPORT_SOURCES[figure.source];
  const own =
    figure.kind === 'FLOW'
      ? `${figure.instant} ${figure.condition ?? ''} ${figure.value}`
      : figure.condition;
  const from = fromClause(source, own);
  return {
    ...text,
    kind: figure.kind,
    sourceSql: source.where ? `${from}\n WHERE ${source.where}` : from,
    instantSql: figure.kind === 'FLOW' ? figure.instant : null,
    conditionSql: figure.condition,
    valueSql: figure.kind === 'FLOW' ? figure.value : '1',
    filters: filtersOf(source.dimensions),
  };
}

/** Every figure and every funnel stage, as the `reportDefinitions` query shows them. */
export function figureDefinitions(): ReportFigureDefinition[] {
  const stages = FUNNEL_STAGES.map((stage): ReportFigureDefinition => ({
    key: `funnel.${stage.key}`,
    kind: 'STAGE',
    unit: 'COUNT',
    nameZh: stage.nameZh,
    nameEn: stage.nameEn,
    descriptionZh: `${stage.descriptionZh}。${FUNNEL_RULE_ZH}`,
    descriptionEn: `${stage.descriptionEn}. ${FUNNEL_RULE_EN}`,
    sourceSql: REPORT_SOURCES.needs.from,
    instantSql: 'n.published_at',
    conditionSql: stage.condition,
    valueSql: '1',
    filters: [
      'from',
      'to',
      'divisionCode',
      'fieldCode',
      ...(stage.condition.includes('%MATCH_FILTER%') || stage.condition.includes('%DEAL_FILTER%')
        ? ['institutionId', 'institutionKind']
        : []),
      ...(stage.condition.includes('%DEAL_FILTER%') ? ['dealKind'] : []),
    ],
  }));
  return [...Object.values(FIGURES).map(view), ...stages];
}
