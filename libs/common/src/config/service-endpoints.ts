/** Where the API finds its backing services, whether configured or started by dev-services. */
export interface ServiceEndpoints {
  databaseUrl: string;
  meiliUrl: string;
  meiliApiKey: string;
  jwtSecret: string;
  /** True when this process started any of them (and so must stop them). */
  embedded: boolean;
}

/** Injection token for the resolved `ServiceEndpoints`. */
export const SERVICE_ENDPOINTS = Symbol('SERVICE_ENDPOINTS');
