import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { InstalmentKind } from '../payment-enums.js';

@InputType({ description: '分期筛选 / Instalment filter; every part is optional' })
export class InstalmentFilter {
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only overdue instalments; false: only those not overdue',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => [InstalmentKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(2)
  @IsEnum(InstalmentKind, { each: true })
  kinds?: InstalmentKind[] | null;
}
