import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { renderSchema, SCHEMA_FILE } from '../apps/api/src/graphql/schema-file';
import { TestApp } from './support/test-app';

describe('apps/api/schema.gql', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ env: { STORE: 'memory' } });
  });
  afterAll(() => app.stop());

  it('matches the schema the code defines (run `npm run schema` after changing the API)', () => {
    const generated = renderSchema(app.nest.get(GraphQLSchemaHost).schema);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });

  it('has every name the product contract fixes for this stage', () => {
    const schema = app.nest.get(GraphQLSchemaHost).schema;
    const query = Object.keys(schema.getQueryType()?.getFields() ?? {});
    const mutation = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(query).toEqual(
      expect.arrayContaining(['me', 'case', 'cases', 'appeal', 'localAuthorities']),
    );
    expect(mutation).toEqual(
      expect.arrayContaining(['openCase', 'lodgeAppeal', 'recordAppealOutcome']),
    );
  });
});
