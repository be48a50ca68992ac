// The article register by SKU: look one up (the SKU lives in the URL), then update it,
// or create it when the SKU is not known yet.
import { type FormEvent, useEffect, useState } from 'react';
import { type Article, type ArticleInput, article, problemText, putArticle } from '../../api/admin.ts';
import { useApi } from '../../api/useApi.ts';
import { toast } from '../../components/Toast.tsx';
import { Failure, Loading } from '../../components/ui.tsx';
import { href, navigate } from '../../router.tsx';
import { useSession } from '../../session.ts';

// The editable fields, in the order a merchandiser thinks of them; the first three are required.
const fields: [keyof ArticleInput & string, string, boolean][] = [
  ['name', 'Name', true],
  ['number', 'Article number', true],
  ['mainCategory', 'Main category', true],
  ['productCategory', 'Product category', false],
  ['brand', 'Brand', false],
  ['color', 'Colour', false],
  ['size', 'Size', false],
  ['season', 'Season', false],
  ['gender', 'Gender', false],
  ['gtin', 'GTIN', false],
  ['description', 'Description', false],
];

export function Articles({ sku }: { sku: string }) {
  const [search, setSearch] = useState(sku);
  const [lookups, setLookups] = useState(0); // looking up the shown SKU again reloads it
  useEffect(() => setSearch(sku), [sku]);
  function lookUp(event: FormEvent) {
    event.preventDefault();
    navigate(href('/admin/articles', { sku: search.trim() }));
    setLookups((n) => n + 1);
  }
  return (
    <>
      <form className="card search" onSubmit={lookUp} aria-label="Look up an article">
        <div className="field grow">
          <label htmlFor="article-sku">SKU</label>
          <input id="article-sku" required value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">Look up</button>
      </form>
      {sku ? (
        <ArticleEditor key={`${sku}#${lookups}`} sku={sku} />
      ) : (
        <p className="muted">Look up an article by its SKU to see or change it, or to create it.</p>
      )}
    </>
  );
}

function ArticleEditor({ sku }: { sku: string }) {
  const { api, canWrite } = useSession();
  const loaded = useApi(() => article(api, sku), [api, sku]);
  const missing = loaded.state === 'error' && loaded.error.status === 404 && !loaded.error.notAvailable;
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.state === 'ok') setDraft(Object.fromEntries(fields.map(([name]) => [name, String((loaded.data as Article)[name] ?? '')])));
  }, [loaded.state, loaded.data]);

  if (loaded.state === 'loading') return <Loading what="the article" />;
  if (loaded.state === 'error' && !missing) return <Failure error={loaded.error} what="the article" retry={loaded.reload} />;

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      // PUT replaces the whole article: start from what is stored, so fields this form does not
      // show (spare fields, dates, the feed's own extras) survive; a field emptied here is removed.
      const body: Record<string, unknown> = { ...(loaded.state === 'ok' ? loaded.data : {}), sku };
      for (const [name] of fields) {
        const value = (draft[name] ?? '').trim();
        if (value) body[name] = value;
        else delete body[name];
      }
      await putArticle(api, sku, body as ArticleInput);
      toast(`Article ${sku} ${missing ? 'created' : 'saved'}.`);
      loaded.reload();
    } catch (error) {
      toast(`The article was not saved: ${problemText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={save} aria-labelledby="article-heading">
      <h2 id="article-heading">
        {missing ? 'New article' : 'Article'} <span className="mono">{sku}</span>
      </h2>
      {missing ? <p className="muted">No article has this SKU yet{canWrite ? ': fill in the fields to create it.' : '.'}</p> : null}
      <fieldset disabled={!canWrite || busy} className="checks">
        <div className="row">
          {fields.map(([name, label, required]) => (
            <div className="field" key={name}>
              <label htmlFor={`article-${name}`}>{label}</label>
              <input id={`article-${name}`} required={required} value={draft[name] ?? ''} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
            </div>
          ))}
        </div>
      </fieldset>
      {canWrite ? (
        <p>
          <button type="submit" disabled={busy}>
            {missing ? 'Create article' : 'Save article'}
          </button>
        </p>
      ) : null}
    </form>
  );
}
