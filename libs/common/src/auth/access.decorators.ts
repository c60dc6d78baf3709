import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const PUBLIC_KEY = 'techmatch:public';
export const ROLES_KEY = 'techmatch:roles';

/**
 * Open to anonymous callers. Everything else needs a valid token: the global guard refuses anonymous
 * calls unless a handler (or its class) says `@Public()`.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only callers with one of these roles. Without it, any authenticated caller may call. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
