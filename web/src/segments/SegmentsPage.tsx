// The segment builder: conditions → filter, a live count (debounced preview), save;
// and the saved segments.
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import type { SegmentPreview } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { Failure, Pager, Show, Table } from '../components/ui.tsx';
import { dateTime, number } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import { FilterSummary } from './FilterSummary.tsx';
import { type BuilderDraft, emptyCondition, toFilter } from './model.ts';
import { numberProblems } from './numbers.ts';
import { summaryText } from './summary.ts';

/** The last answer, and the filter it answers for: when that is not the filter on screen, the count is updating. */
type Preview = { for: string } & ({ state: 'none' } | { state: 'ok'; result: SegmentPreview } | { state: 'error'; error: ApiFailure });

export function SegmentsPage() {
  return (
    <section>
      <h1>Segments</h1>
      <Builder />
      <SavedSegments />
    </section>
  );
}

function Builder() {
  const { api, canWrite } = useSession();
  const [draft, setDraft] = useState<BuilderDraft>(() => ({ combine: 'and', conditions: [emptyCondition()] }));
  const filter = useMemo(() => toFilter(draft), [draft]);
  const filterJson = JSON.stringify(filter);
  // A number field that holds no number would leave its condition out: nothing is counted or saved until it is fixed.
  const unreadable = numberProblems(draft).size;
  const [preview, setPreview] = useState<Preview>({ for: '', state: 'none' });
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiFailure | null>(null);

  // Count as the user edits, but only once they pause (400 ms): one preview per pause, latest wins.
  useEffect(() => {
    if (unreadable) return;
    let live = true;
    const timer = setTimeout(() => {
      api.previewSegment(JSON.parse(filterJson)).then(
        (result) => live && setPreview({ for: filterJson, state: 'ok', result }),
        (error: unknown) => live && setPreview({ for: filterJson, state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) }),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, filterJson, unreadable]);
  const stale = preview.for !== filterJson;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const segment = await api.createSegment(name.trim(), filter);
      navigate(`/segments/${encodeURIComponent(segment.id)}`);
    } catch (error) {
      setSaveError(error instanceof ApiFailure ? error : new ApiFailure(0, undefined));
      setSaving(false);
    }
  }

  const update = (index: number, next: BuilderDraft['conditions'][number]) =>
    setDraft({ ...draft, conditions: draft.conditions.map((c, i) => (i === index ? next : c)) });

  return (
    <section aria-labelledby="builder-heading" className="builder">
      <h2 id="builder-heading">Build a segment</h2>
      <div className="count card" aria-live="polite" aria-busy={stale} data-fresh={!stale}>
        {unreadable ? (
          <span className="muted">Not counted: {unreadable === 1 ? 'a number field needs' : `${unreadable} number fields need`} fixing.</span>
        ) : preview.state === 'ok' ? (
          <>
            <span className="big" data-testid="segment-count">
              {number(preview.result.count)}
            </span>{' '}
            matching contact{preview.result.count === 1 ? '' : 's'}
            {stale ? <span className="muted"> (updating…)</span> : null}
          </>
        ) : preview.state === 'error' ? (
          <Failure error={preview.error} what="the segment preview" />
        ) : (
          <span className="muted">Counting…</span>
        )}
      </div>
      {draft.conditions.length > 1 ? (
        <div className="field">
          <label htmlFor="combine">Contacts must match</label>
          <select id="combine" value={draft.combine} onChange={(e) => setDraft({ ...draft, combine: e.target.value as 'and' | 'or' })}>
            <option value="and">all conditions (and)</option>
            <option value="or">any condition (or)</option>
          </select>
        </div>
      ) : null}
      {draft.conditions.map((c, i) => (
        <ConditionEditor
          key={c.key}
          draft={c}
          index={i}
          onChange={(next) => update(i, next)}
          onRemove={draft.conditions.length > 1 ? () => setDraft({ ...draft, conditions: draft.conditions.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      <button type="button" className="secondary" onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, emptyCondition()] })}>
        Add condition
      </button>
      <FilterSummary filter={filter} />
      <details>
        <summary>Filter JSON (what the API receives)</summary>
        <pre className="json" data-testid="filter-json">
          {JSON.stringify(filter, null, 2)}
        </pre>
      </details>
      {canWrite ? (
        <form className="card row" onSubmit={save}>
          <div className="field grow">
            <label htmlFor="segment-name">Segment name</label>
            <input id="segment-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" disabled={saving || !name.trim() || unreadable > 0}>
            {saving ? 'Saving…' : 'Save segment'}
          </button>
          {saveError ? <Failure error={saveError} what="the segment" /> : null}
        </form>
      ) : null}
    </section>
  );
}

function SavedSegments() {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const segments = useApi(() => api.segments(offset), [api, offset]);
  return (
    <section aria-labelledby="saved-heading">
      <h2 id="saved-heading">Saved segments</h2>
      <Show loaded={segments} what="saved segments">
        {(page) => (
          <>
            {page.items.length ? (
              <Table caption="Saved segments, newest first" head={['Name', 'Filter', 'Created']} stack>
                {page.items.map((s) => (
                  <tr key={s.id}>
                    <td data-label="Name">
                      <Link to={`/segments/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                    </td>
                    <td data-label="Filter" className="filter-summary">
                      {summaryText(s.filter)}
                    </td>
                    <td data-label="Created">{dateTime(s.createdAt)}</td>
                  </tr>
                ))}
              </Table>
            ) : null}
            <Pager offset={page.offset} count={page.count} total={page.totalCount} onOffset={setOffset} label="Segments" />
          </>
        )}
      </Show>
    </section>
  );
}
