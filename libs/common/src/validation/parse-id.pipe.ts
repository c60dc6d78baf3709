import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { invalidFields } from './input-validation.pipe.js';

/** For `id: ID!` arguments: anything but a uuid is BAD_USER_INPUT, never a database error. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
    const path = metadata.data ?? 'id';
    throw invalidFields([
      {
        path,
        constraints: ['isUUID'],
        message: { zh: `${path} 必须是有效的 UUID`, en: `${path} must be a UUID` },
      },
    ]);
  }
}
