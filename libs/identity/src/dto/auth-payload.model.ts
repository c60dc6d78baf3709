import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../user.entity.js';

@ObjectType({ description: 'A signed-in session: send accessToken as `Authorization: Bearer …`' })
export class AuthPayload {
  @Field()
  accessToken!: string;

  @Field(() => String)
  tokenType!: 'Bearer';

  @Field()
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}
