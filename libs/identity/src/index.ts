export * from './identity.module.js';
export * from './user.entity.js';
export * from './users.service.js';
export * from './auth/auth.service.js';
export * from './auth/password.service.js';
export * from './dto/credentials.input.js';
export * from './dto/new-account.input.js';
export * from './dto/auth-payload.model.js';
