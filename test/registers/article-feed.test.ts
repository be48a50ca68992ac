import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  FeedSyntaxError,
  FeedTooLargeError,
  MAX_DEPTH,
  MAX_FIELD_CHARS,
  MAX_NAME_CHARS,
  MAX_UNKNOWN_FIELDS,
  importArticleFeed,
} from '../../src/articles/xml.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

const xmlHeaders = { 'content-type': 'application/xml' };

function* feedChunks(count: number, prefix: string) {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<articles>\n';
  for (let i = 0; i < count; i++) {
    yield `<article><sku>${prefix}-${i}</sku><number>${i}</number><name>Article ${i} – åäö</name><mainCategory>Tops</mainCategory></article>\n`;
  }
  yield '</articles>\n';
}

describe('article feed parser (no database)', () => {
  test('100,000 articles stream through in batches of 500; nothing accumulates', async () => {
    const batches: number[] = [];
    let seen = 0;
    const result = await importArticleFeed(Readable.from(feedChunks(100_000, 'big'), { objectMode: false }), async (batch) => {
      batches.push(batch.length);
      assert.equal(batch[0]!.sku, `big-${seen}`);
      seen += batch.length;
    });
    assert.equal(result.imported, 100_000);
    assert.equal(result.failed, 0);
    assert.ok(batches.length >= 200, `${batches.length} batches`);
    assert.ok(Math.max(...batches) < 1000, `largest batch ${Math.max(...batches)}`);
  });

  test('a multi-byte character split across chunks stays whole', async () => {
    const bytes = Buffer.from('<a><article><sku>s</sku><number>1</number><name>Åsa</name><mainCategory>C</mainCategory></article></a>');
    const at = bytes.indexOf(0xc3) + 1; // inside the two-byte Å
    const stored: unknown[] = [];
    await importArticleFeed(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), async (batch) => {
      stored.push(...batch);
    });
    assert.deepEqual(stored, [{ sku: 's', number: '1', name: 'Åsa', mainCategory: 'C' }]);
  });

  test('a 150 MB field: memory stays flat, its article is invalid naming the field, the next article is imported', async () => {
    const fieldBytes = 150 * 1024 * 1024;
    const chunkChars = 64 * 1024;
    const start = process.memoryUsage().rss;
    let peak = start;
    async function* feed() {
      yield '<articles><article><sku>huge</sku><number>1</number><name>N</name><mainCategory>C</mainCategory><description>';
      for (let sent = 0, i = 0; sent < fieldBytes; sent += chunkChars, i++) {
        peak = Math.max(peak, process.memoryUsage().rss);
        // A new string per chunk, as a socket delivers them (one string repeated would be shared, not grown).
        yield String.fromCharCode(97 + (i % 26)).repeat(chunkChars);
      }
      yield '</description></article><article><sku>after</sku><number>2</number><name>N</name><mainCategory>C</mainCategory></article></articles>';
    }
    const stored: string[] = [];
    const result = await importArticleFeed(
      feed(),
      async (batch) => {
        stored.push(...batch.map((article) => article.sku));
      },
      { limitBytes: fieldBytes * 2 },
    );
    const growthMb = (peak - start) / 1024 / 1024;
    assert.ok(growthMb < 100, `RSS grew ${growthMb.toFixed(0)} MB while reading a ${fieldBytes / 1024 / 1024} MB field`);
    assert.deepEqual(stored, ['after']);
    assert.equal(result.failed, 1);
    assert.deepEqual(result.errors, [
      { line: 1, sku: 'huge', field: 'description', message: `is longer than ${MAX_FIELD_CHARS} characters (the feed stops reading a field there)` },
    ]);
  });

  test('element names, nesting, attributes and unknown fields are capped', async () => {
    const run = (xml: string) => importArticleFeed(Readable.from([xml]), async () => {});
    const article = (extra: string) => `<a><article><sku>s</sku><number>1</number><name>N</name><mainCategory>C</mainCategory>${extra}</article></a>`;
    const long = 'n'.repeat(MAX_NAME_CHARS + 1);
    await assert.rejects(
      run(article(`<${long}>x</${long}>`)),
      (error: unknown) => error instanceof FeedSyntaxError && /element name is longer than/.test(error.message),
    );
    // A name split over many chunks is caught while it is still being read.
    const slowName = Readable.from(['<a><', ...Array.from({ length: 50 }, () => 'n'.repeat(MAX_NAME_CHARS)), '/></a>']);
    await assert.rejects(
      importArticleFeed(slowName, async () => {}),
      (error: unknown) => error instanceof FeedSyntaxError && /name is longer than/.test(error.message),
    );
    const deep = `${'<x>'.repeat(MAX_DEPTH + 1)}${'</x>'.repeat(MAX_DEPTH + 1)}`;
    await assert.rejects(run(deep), (error: unknown) => error instanceof FeedSyntaxError && /deeper than/.test(error.message));
    const attributes = Array.from({ length: 200 }, (_, i) => `a${i}="v"`).join(' ');
    await assert.rejects(run(`<a ${attributes}/>`), (error: unknown) => error instanceof FeedSyntaxError && /attributes/.test(error.message));
    const unknown = Array.from({ length: MAX_UNKNOWN_FIELDS + 1 }, (_, i) => `<extra${i}>v</extra${i}>`).join('');
    const result = await run(article(unknown));
    assert.equal(result.failed, 1);
    assert.match(result.errors[0]!.message, new RegExp(`more than ${MAX_UNKNOWN_FIELDS} fields`));
    assert.equal((await run(article(unknown.slice(0, unknown.lastIndexOf('<extra'))))).imported, 1, `${MAX_UNKNOWN_FIELDS} unknown fields are kept`);
  });

  test('the byte limit stops the stream: FeedTooLargeError with the articles imported before it', async () => {
    await assert.rejects(
      importArticleFeed(Readable.from(feedChunks(1000, 'lim')), async () => {}, { batchSize: 10, limitBytes: 20_000 }),
      (error: unknown) => error instanceof FeedTooLargeError && error.limitBytes === 20_000 && error.imported > 0,
    );
  });

  test('the feed is decoded strictly in its declared encoding: UTF-8 unless the XML declaration names another', async () => {
    const feed = (declaration: string) =>
      `${declaration}<a><article><sku>s</sku><number>1</number><name>Bj\u00f6rn</name><mainCategory>C</mainCategory></article></a>`;
    const names = async (chunks: Buffer[]) => {
      const stored: string[] = [];
      await importArticleFeed(Readable.from(chunks), async (batch) => void stored.push(...batch.map((a) => a.name)));
      return stored;
    };
    assert.deepEqual(await names([Buffer.from(feed('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'latin1')]), ['Bj\u00f6rn']);
    const utf8 = Buffer.from(feed(''));
    const split = utf8.indexOf(0xc3) + 1; // inside the two bytes of ö
    assert.deepEqual(await names([utf8.subarray(0, split), utf8.subarray(split)]), ['Bj\u00f6rn'], 'a character split across chunks stays whole');
    await assert.rejects(
      names([Buffer.from(feed(''), 'latin1')]),
      (error: unknown) => error instanceof FeedSyntaxError && error.message === 'the feed is not valid UTF-8',
    );
    await assert.rejects(
      names([Buffer.from(feed('<?xml version="1.0" encoding="x-klingon"?>'))]),
      (error: unknown) => error instanceof FeedSyntaxError && /encoding x-klingon is not supported/.test(error.message),
    );
  });

  test('malformed XML throws with the line', async () => {
    await assert.rejects(
      importArticleFeed(Readable.from(['<a>\n<article>\n<sku>x</sku>\n</artcle></a>']), async () => {}),
      (error: unknown) => {
        assert.ok(error instanceof FeedSyntaxError);
        assert.equal(error.line, 4);
        return true;
      },
    );
  });
});

for (const backend of backendNames()) {
  describe(`article XML feed (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend, { articleFeedLimitBytes: 1_000_000 });
    });
    after(async () => api?.stop());

    const postXml = (url: string, payload: string | Readable) => api.request('POST', url, payload, { headers: xmlHeaders });

    test('a feed imports valid articles, lists per-article errors with line, sku and field', async () => {
      const [ok1, ok2, bad] = [uniqueId('x'), uniqueId('x'), uniqueId('x')];
      const feed = `<?xml version="1.0"?>
<Articles>
  <Article>
    <SKU>${ok1}</SKU><Number>1</Number><Name><![CDATA[Shirt & tie]]></Name><MAINCATEGORY>Tops</MAINCATEGORY>
    <awardsBonus>true</awardsBonus><dateSpare1>2025-06-01</dateSpare1><Custom>kept</Custom>
  </Article>
  <article>
    <sku>${bad}</sku><number>2</number><mainCategory>Tops</mainCategory><gender>Unisexual</gender>
  </article>
  <article><sku>${ok2}</sku><number>3</number><name>Socks</name><mainCategory>Feet</mainCategory><brand>B</brand></article>
</Articles>`;
      const answer = await postXml('/api/v3/articles', feed);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.imported, 2);
      assert.equal(answer.body.failed, 1);
      assert.deepEqual(answer.body.errors.map((e: any) => `${e.line}|${e.sku}|${e.field}`).sort(), [`7|${bad}|gender`, `7|${bad}|name`]);
      const first = await api.get(`/api/v3/articles/${ok1}`);
      assert.deepEqual(first.body, {
        sku: ok1,
        number: '1',
        name: 'Shirt & tie',
        mainCategory: 'Tops',
        awardsBonus: true,
        dateSpare1: '2025-06-01',
        Custom: 'kept',
      });
      assert.equal((await api.get(`/api/v3/articles/${ok2}`)).body.brand, 'B');
      assert.equal((await api.get(`/api/v3/articles/${bad}`)).status, 404);
    });

    test('a streamed feed of 3,000 articles is imported in batches', async () => {
      const prefix = uniqueId('stream');
      const answer = await postXml('/api/v3/articles', Readable.from(feedChunks(3000, prefix)));
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body, { imported: 3000, failed: 0, errors: [] });
      assert.equal((await api.get(`/api/v3/articles/${prefix}-2999`)).body.name, 'Article 2999 – åäö');
    });

    test('a feed above ARTICLE_FEED_LIMIT_BYTES → 413 PayloadTooLarge, whether its length is declared or streamed', async () => {
      const prefix = uniqueId('big');
      const declared = await postXml('/api/v3/articles', [...feedChunks(10_000, prefix)].join(''));
      assert.equal(declared.status, 413, declared.text);
      assert.equal(declared.body.errorCode, 'PayloadTooLarge');
      assert.equal(declared.body.imported, 0);
      assert.match(declared.body.detail, /ARTICLE_FEED_LIMIT_BYTES/);
      assert.equal((await api.get(`/api/v3/articles/${prefix}-0`)).status, 404, 'nothing read, nothing stored');
      const streamed = await postXml('/api/v3/articles', Readable.from(feedChunks(10_000, `${prefix}s`)));
      assert.equal(streamed.status, 413, streamed.text);
      assert.equal(streamed.body.errorCode, 'PayloadTooLarge');
      assert.equal(streamed.headers.connection, 'close');
    });

    test('malformed XML → 400 InvalidArticleFeed naming the line', async () => {
      const answer = await postXml('/api/v3/articles', '<articles>\n<article><sku>a</sku>\n<name>x</nam>\n</article></articles>');
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'InvalidArticleFeed');
      assert.equal(answer.body.line, 3);
      assert.match(answer.body.detail, /^Line 3:/);
      assert.equal((await postXml('/api/v3/articles', '')).body.errorCode, 'InvalidArticleFeed');
    });

    test('the feed resolves ArticleMissing warnings', async () => {
      const body = orderBody();
      const sku = uniqueId('feedsku');
      body.lineItems.items[0].article.sku = sku;
      await api.write('POST', '/api/v3/orders', body);
      await postXml('/api/v3/articles', `<a><article><sku>${sku}</sku><number>1</number><name>N</name><mainCategory>C</mainCategory></article></a>`);
      const entries = await api.get(`/api/v3/integration-log?orderId=${body.orderId}&errorCode=ArticleMissing&resolved=true`);
      assert.deepEqual(
        entries.body.items.map((e: any) => e.details.sku),
        [sku],
      );
    });

    test('XML is accepted only by the feed: other routes answer 415', async () => {
      for (const url of ['/api/v3/stores', '/api/v3/orders', '/api/v3/contacts']) {
        const answer = await postXml(url, '<a/>');
        assert.equal(answer.status, 415, url);
        assert.equal(answer.body.errorCode, 'UnsupportedMediaType');
      }
      const put = await api.request('PUT', `/api/v3/articles/${uniqueId('s')}`, '<a/>', { headers: xmlHeaders });
      assert.equal(put.status, 415);
    });
  });
}
