import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { PageArgs } from '@techmatch/common';

@ArgsType()
export class NotificationListArgs extends PageArgs {
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only notifications not yet marked read',
  })
  @IsBoolean()
  unreadOnly: boolean = false;
}
