import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { Environment, ENVIRONMENT_KEYS } from './environment.js';

/** Thrown when the environment is unusable; its message is one line that names each bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

// Values of these may be secrets (or contain a password), so they are never echoed back.
const SECRET_LIKE = /SECRET|KEY|PASSWORD|DATABASE_URL/;

function describe(error: ValidationError, raw: Record<string, unknown>): string {
  const messages = Object.values(error.constraints ?? {}).join(', ');
  // Show what was given, before any conversion ("eighty", not NaN), unless it may be a secret.
  const given = raw[error.property];
  const shown = SECRET_LIKE.test(error.property)
    ? ''
    : given === undefined
      ? ' (missing)'
      : ` (got ${JSON.stringify(given)})`;
  return `${messages}${shown}`;
}

/**
 * Turns raw variables into a typed `Environment`, or throws `ConfigValidationError`. Unknown
 * variables are ignored: the process environment holds many that are not ours.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const relevant: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_KEYS) {
    const value = raw[key];
    // An empty variable (`PORT=`) means "not set", as it does for most tools.
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, stopAtFirstError: true });
  if (errors.length > 0)
    throw new ConfigValidationError(errors.map((error) => describe(error, relevant)));
  return env;
}
