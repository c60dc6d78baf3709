import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    '导出下载链接 / Download links of an export: paths on this API (GET, no Authorization header ' +
    'needed), signed for the caller and valid for 15 minutes',
})
export class ExportLinks {
  @Field({ description: 'CSV, UTF-8 with BOM (Excel opens Chinese correctly)' })
  csvUrl!: string;

  @Field({ description: 'XLSX workbook' })
  xlsxUrl!: string;

  @Field()
  expiresAt!: Date;
}
