import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../user.entity.js';

@ObjectType({
  description:
    'A signed-in session: send accessToken as `Authorization: Bearer …`; when it expires ' +
    '(TOKEN_EXPIRED), exchange refreshToken for a new pair with refreshSession',
})
export class AuthPayload {
  @Field({ description: 'Short-lived (JWT_EXPIRES_IN); stops working at once on logout' })
  accessToken!: string;

  @Field(() => String)
  tokenType!: 'Bearer';

  @Field({ description: 'When accessToken expires' })
  expiresAt!: Date;

  @Field({
    description:
      'Opaque and single-use: refreshSession spends it and returns a new one. Presenting a spent ' +
      'one again ends the session',
  })
  refreshToken!: string;

  @Field({ description: 'When refreshToken expires unless it is used first' })
  refreshExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}
