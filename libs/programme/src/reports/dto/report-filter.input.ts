import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { InstitutionKind } from '@techmatch/catalogue';
import { DealKind, IsCalendarDate } from '@techmatch/deals';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export enum ReportGranularity {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}

registerEnumType(ReportGranularity, {
  name: 'ReportGranularity',
  description: 'MONTH 按月, QUARTER 按季度（时间序列的分段）',
});

/**
 * The filters every report takes. A filter applies to the figures whose records have that
 * attribute and leaves the others alone: the institution filters do not change "needs posted"
 * (a need has no institution), the deal kind filter changes deal figures only. docs/reports.md has
 * the table.
 */
@InputType({
  description:
    '报表筛选 / Report filters; all given ones hold. Each applies to the figures whose records have ' +
    'that attribute (see docs/reports.md)',
})
export class ReportFilter {
  @Field(() => String, {
    nullable: true,
    description: 'First day of the period, YYYY-MM-DD in China time; none: since the beginning',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day of the period (included), YYYY-MM-DD in China time; none: up to now',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "区县代码 / The enterprise's division (GB/T 2260), e.g. 410329",
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, {
    message: 'divisionCode 必须是 6 位行政区划代码|divisionCode must be a 6-digit division code',
  })
  divisionCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'The institution (supply side)' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId 必须是有效的 UUID|institutionId must be a UUID' })
  institutionId?: string | null;

  @Field(() => InstitutionKind, { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionKind)
  institutionKind?: InstitutionKind | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A field code; its sub-fields count too (08 finds 0802). Needs and results by their own fields, matches and deals by either side’s',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16, { message: 'fieldCode 最多 16 个字符|fieldCode must be at most 16 characters' })
  fieldCode?: string | null;

  @Field(() => DealKind, { nullable: true, description: 'Deal figures only' })
  @IsOptional()
  @IsEnum(DealKind)
  dealKind?: DealKind | null;
}
