import { InputType } from '@nestjs/graphql';

/**
 * PartialType's options for an update input: its fields carry no GraphQL default value, so a field
 * the client leaves out arrives undefined and the update leaves it alone. Without this, the create
 * input's defaults (`keywords: []`, `level: NOT_EVALUATED`) were filled in, and an update that named
 * only the summary cleared the keywords and reset the level.
 *
 * For the same reason the create inputs give their defaults only as GraphQL `defaultValue`s, never
 * as property initialisers: PartialType copies initialisers into the update input, and the schema
 * builder reads them back as default values.
 */
export const UPDATE_INPUT = { decorator: InputType, omitDefaultValues: true } as const;
