import type { TestApp } from './test-app';

/** Small helpers to drive a case over GraphQL and fail loudly on any error. */
export const mutate = async <T = Record<string, unknown>>(
  app: TestApp,
  token: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<T> => {
  const response = await app.gql<Record<string, T>>(
    `mutation M($input: ${inputType}!) { ${name}(input: $input) ${selection} }`,
    { input },
    token,
  );
  if (response.errors) throw new Error(`${name} failed: ${JSON.stringify(response.errors)}`);
  return response.data![name]!;
};
