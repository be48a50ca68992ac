// Conformance: the article register's field rules (docs/compatibility.md).
// Each case names the rule it checks; the suite runs through the real HTTP stack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`conformance: articles (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const base = { number: 'N1', name: 'Shirt', mainCategory: 'Tops' };

    test('max lengths per Engage article XML: brand and color 255, size 100, gender 6, gtin 20, description 4000', async () => {
      const sku = uniqueId('sku');
      const atLimit = {
        ...base,
        brand: 'b'.repeat(255),
        color: 'c'.repeat(255),
        size: 's'.repeat(100),
        gender: 'g'.repeat(6),
        gtin: '1'.repeat(20),
        description: 'd'.repeat(4000),
      };
      assert.equal((await api.put(`/api/v3/articles/${sku}`, atLimit)).status, 201);
      const over = {
        ...base,
        brand: 'b'.repeat(256),
        color: 'c'.repeat(256),
        size: 's'.repeat(101),
        gender: 'g'.repeat(7),
        gtin: '1'.repeat(21),
        description: 'd'.repeat(4001),
      };
      const answer = await api.put(`/api/v3/articles/${sku}`, over);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path).sort(), ['brand', 'color', 'description', 'gender', 'gtin', 'size']);
    });

    test('null in an optional field is the same as absent', async () => {
      const sku = uniqueId('sku');
      const answer = await api.put(`/api/v3/articles/${sku}`, { ...base, brand: null, awardsBonus: null, dateSpare1: null });
      assert.equal(answer.status, 201, answer.text);
      assert.deepEqual((await api.get(`/api/v3/articles/${sku}`)).body, { ...base, sku });
      const bulk = await api.post('/api/v3/articles', [{ ...base, sku: uniqueId('sku'), color: null }]);
      assert.equal(bulk.body.imported, 1);
    });

    test('the required fields stay required (Engage): sku, number, name, mainCategory', async () => {
      const answer = await api.put(`/api/v3/articles/${uniqueId('sku')}`, { name: null });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path).sort(), ['mainCategory', 'name', 'number']);
    });
  });
}
