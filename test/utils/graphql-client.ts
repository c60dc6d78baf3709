/** What a GraphQL response looks like to a client that knows nothing of the server. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: Record<string, unknown> & { code?: string };
  }>;
}

/** A minimal HTTP GraphQL client: the tests speak to the API exactly as an outside client would. */
export class GraphQLClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  async login(email: string, password: string): Promise<string> {
    const result = await this.request<{ login: { accessToken: string } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
      { input: { email, password } },
    );
    if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  }
}

/** The first error's code, or undefined: most assertions need exactly this. */
export const errorCode = (result: GraphQLResponse<unknown>): string | undefined =>
  result.errors?.[0]?.extensions?.code;
