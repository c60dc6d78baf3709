import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

@InputType()
export class RefreshSessionInput {
  @Field({ description: 'The refreshToken of the last AuthPayload; spent by this call' })
  @IsString()
  @MinLength(1)
  // Ours are 43 characters; anything much longer is not one, and need not be hashed.
  @MaxLength(256)
  refreshToken!: string;
}
