import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

const flag = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' || value === ''
    ? true
    : value === 'false' || value === '0'
      ? false
      : value;

/** `POST /imports/:kind?dryRun=true&partial=true`: the CLI's --dry-run and --partial. */
export class ImportUploadQuery {
  @IsOptional()
  @Transform(flag)
  @IsBoolean({ message: 'dryRun 应为 true 或 false|dryRun must be true or false' })
  dryRun?: boolean;

  @IsOptional()
  @Transform(flag)
  @IsBoolean({ message: 'partial 应为 true 或 false|partial must be true or false' })
  partial?: boolean;
}
