// The console's API types are generated from the OpenAPI document: this fails when
// web/src/api/generated.ts no longer matches what the service publishes (a route or
// schema changed without `npm run gen:api`), and checks the generator on a document
// whose expected types are known.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { renderTypes } from '../../scripts/api-types.js';
import { type TestService, startTestService } from '../helpers/service.js';

describe('generated console API types', () => {
  let api: TestService;
  before(async () => {
    api = await startTestService('embedded');
  });
  after(async () => api?.stop());

  it("web/src/api/generated.ts matches the service's OpenAPI document (else run npm run gen:api)", async () => {
    const doc = (await api.get('/api/docs/json')).body;
    const fresh = renderTypes(doc);
    const current = readFileSync('web/src/api/generated.ts', 'utf8');
    assert.ok(fresh === current, 'web/src/api/generated.ts is stale: run `npm run gen:api` and commit the result');
  });

  it('types every declared answer and leaves undeclared ones unknown', () => {
    const text = renderTypes({
      paths: {
        '/things/{id}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'deep', in: 'query', schema: { type: 'boolean' } },
            ],
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        kind: { enum: ['a', 'b'] },
                        tags: { type: 'array', items: { type: 'string' } },
                        note: { type: 'string', nullable: true },
                      },
                    },
                  },
                },
              },
            },
          },
          delete: { responses: { 204: {} } },
        },
      },
    });
    assert.match(text, /"GET \/things\/\{id\}": \{\n {4}params: \{\n {6}id: string;\n {4}\};\n {4}query: \{\n {6}deep\?: boolean;\n {4}\};/);
    assert.match(text, /id: string;\n\s+kind\?: "a" \| "b";\n\s+tags\?: string\[\];\n\s+note\?: string \| null;/);
    assert.match(text, /"DELETE \/things\/\{id\}": \{[\s\S]*?204: unknown;/);
  });
});
