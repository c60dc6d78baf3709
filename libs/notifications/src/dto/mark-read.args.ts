import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsUUID } from 'class-validator';
import { MAX_PAGE_SIZE } from '@techmatch/common';

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], {
    description: `Up to ${MAX_PAGE_SIZE} ids; ids that are not your notifications are ignored`,
  })
  @IsUUID(undefined, { each: true })
  @ArrayMaxSize(MAX_PAGE_SIZE)
  ids!: string[];
}
