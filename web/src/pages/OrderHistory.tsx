// What happened to an order: its receipts, one chronological timeline (when the
// service offers it), action events and versions. Empty lists are left out; on a
// phone each table row becomes a card.
import type { ReactNode } from 'react';
import type { TimelineItem } from '../api/admin.ts';
import { itemsOf } from '../api/client.ts';
import type { ActionEvent, OrderVersion, Receipt } from '../api/types.ts';
import type { Loaded } from '../api/useApi.ts';
import { Badge, Failure, Json, Loading, Table } from '../components/ui.tsx';
import { Amount, When } from './OrderText.tsx';

interface Props {
  receipts: Loaded<{ items: Receipt[] } | Receipt[]>;
  actions: Loaded<{ items: ActionEvent[] }>;
  versions: Loaded<{ items: OrderVersion[] }>;
  timeline: Loaded<{ items: TimelineItem[] }>;
}

/** A list section: hidden while empty; a failure shown plainly (a missing route hides it). */
function Listed<T>({ id, title, loaded, children }: { id: string; title: string; loaded: Loaded<{ items: T[] } | T[]>; children: (items: T[]) => ReactNode }) {
  if (loaded.state === 'error' && (loaded.error.notAvailable || loaded.error.status === 404)) return null;
  if (loaded.state === 'ok' && itemsOf(loaded.data).length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {loaded.state === 'loading' ? <Loading what={title.toLowerCase()} /> : null}
      {loaded.state === 'error' ? <Failure error={loaded.error} what={title.toLowerCase()} /> : null}
      {loaded.state === 'ok' ? children(itemsOf(loaded.data)) : null}
    </section>
  );
}

export function OrderHistory({ receipts, actions, versions, timeline }: Props) {
  return (
    <>
      <Listed id="receipts-heading" title="Receipts" loaded={receipts}>
        {(items) => (
          <Table caption="Receipts of this order" head={['Receipt', 'Date', 'Store', 'Total']} stack>
            {items.map((r) => (
              <tr key={r.uniqueReceiptId}>
                <td data-label="Receipt">{r.receiptNumber ?? r.uniqueReceiptId}</td>
                <td data-label="Date">
                  <When value={r.createdDate} />
                </td>
                <td data-label="Store">{r.storeExternalId}</td>
                <td data-label="Total" className="num">
                  <Amount value={r.totalGrossPrice} currency={r.currency} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Listed>
      <Listed id="timeline-heading" title="Timeline" loaded={timeline}>
        {(items) => <Timeline items={items} />}
      </Listed>
      <Listed id="actions-heading" title="Action events" loaded={actions}>
        {(items) => (
          <Table caption="Action events, newest first" head={['Action', 'When', 'Language', 'Version tag', 'Data']} stack>
            {items.map((a) => (
              <tr key={a.actionId}>
                <td data-label="Action">{a.action}</td>
                <td data-label="When">
                  <When value={a.createdAt} />
                </td>
                <td data-label="Language">{a.language ?? '—'}</td>
                <td data-label="Version tag" className="mono small">
                  {a.versionTag}
                </td>
                <td data-label="Data">
                  <Json value={a.data} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Listed>
      <Listed id="versions-heading" title="Version history" loaded={versions}>
        {(items) => (
          <Table caption="Versions, newest first" head={['Processed', 'Operation', 'Version tag', 'Changes']} stack>
            {items.map((v) => (
              <tr key={v.versionTag + v.processedAt}>
                <td data-label="Processed">
                  <When value={v.processedAt} />
                </td>
                <td data-label="Operation">{v.operation}</td>
                <td data-label="Version tag" className="mono small">
                  {v.versionTag}
                </td>
                <td data-label="Changes">{(v.changes ?? []).join(', ')}</td>
              </tr>
            ))}
          </Table>
        )}
      </Listed>
    </>
  );
}

const kindTone: Record<string, string> = { version: 'info', action: 'purchase', delivery: 'mixed', receipt: 'ok', log: 'warning' };
const statusTone: Record<string, string> = { Failed: 'error', Succeeded: 'ok', Delivered: 'ok', Pending: 'warning', Delivering: 'warning' };
const text = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Oldest first, one line per event; unknown kinds and fields are shown, never fatal. */
function Timeline({ items }: { items: TimelineItem[] }) {
  const sorted = [...items].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return (
    <ol className="timeline" aria-label="Timeline, oldest first">
      {sorted.map((item, i) => (
        <li key={i} data-kind={item.kind}>
          <When value={item.at} /> <Badge tone={kindTone[item.kind] ?? (item.severity === 'Error' ? 'error' : undefined)}>{item.kind}</Badge>{' '}
          <TimelineText item={item} />
        </li>
      ))}
    </ol>
  );
}

/** A version's field changes; older services sent plain strings. */
const changesOf = (item: TimelineItem): ({ path: string; before?: unknown; after?: unknown } | string)[] => (Array.isArray(item.changes) ? item.changes : []);

function TimelineText({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case 'version':
      return (
        <span>
          Version <code>{item.versionTag}</code>
          {item.apiKeyName ? <> by {item.apiKeyName}</> : null}
          {changesOf(item).length ? (
            <ul className="changes">
              {changesOf(item).map((change, i) =>
                typeof change === 'string' ? (
                  <li key={i}>{change}</li>
                ) : (
                  <li key={i}>
                    <code>{change.path}</code>: <s className="muted">{text(change.before)}</s> → {text(change.after)}
                  </li>
                ),
              )}
            </ul>
          ) : null}
        </span>
      );
    case 'action':
      return <span>Action {item.action}</span>;
    case 'delivery':
      return (
        <span>
          {item.stepType ?? 'Delivery'} {item.automationName ? `of ${item.automationName} ` : ''}
          {item.status ? <Badge tone={statusTone[item.status]}>{item.status}</Badge> : null}
          {typeof item.attempts === 'number' ? ` ${item.attempts} attempt${item.attempts === 1 ? '' : 's'}` : ''}
        </span>
      );
    case 'receipt':
      return <span>Receipt {item.receiptNumber ?? item.uniqueReceiptId}</span>;
    case 'log':
      return (
        <span>
          {item.severity} <code>{item.errorCode}</code>
          {item.message ? `: ${item.message}` : ''}
        </span>
      );
    default:
      return <span>{text(item.message ?? item.errorCode ?? '')}</span>;
  }
}
