// The store register: every store (inactive ones too) and a form to register one.
import { type FormEvent, useState } from 'react';
import { type Store, type StoreInput, createStore, problemText, stores } from '../../api/admin.ts';
import { itemsOf } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { toast } from '../../components/Toast.tsx';
import { Badge, Show, Table } from '../../components/ui.tsx';
import { dateTime } from '../../format.ts';
import { useSession } from '../../session.ts';

const empty = { externalId: '', name: '', type: 'RETAIL' as 'RETAIL' | 'ECOMM', timeZone: 'Europe/Stockholm' };

export function Stores() {
  const { api, canWrite } = useSession();
  const list = useApi(() => stores(api), [api]);
  const [draft, setDraft] = useState(empty);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const body: StoreInput = {
        externalId: draft.externalId.trim(),
        name: draft.name.trim(),
        type: draft.type,
        ...(draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {}),
      };
      const store = await createStore(api, body);
      toast(`Store ${store.name} (${store.externalId}) registered.`);
      setDraft(empty);
      list.reload();
    } catch (error) {
      toast(`The store was not registered: ${problemText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section aria-labelledby="stores-heading">
        <h2 id="stores-heading">Stores</h2>
        <Show loaded={list} what="the stores">
          {(answer) =>
            itemsOf<Store>(answer).length ? (
              <Table caption="Stores" head={['Name', 'External id', 'Type', 'Time zone', 'Active', 'Registered']} stack>
                {itemsOf<Store>(answer).map((s) => (
                  <tr key={s.externalId}>
                    <td data-label="Name">{s.name}</td>
                    <td data-label="External id" className="mono">
                      {s.externalId}
                    </td>
                    <td data-label="Type">{s.type}</td>
                    <td data-label="Time zone">{s.timeZone ?? '—'}</td>
                    <td data-label="Active">{s.active === false ? <Badge>inactive</Badge> : <Badge tone="ok">active</Badge>}</td>
                    <td data-label="Registered" className="nowrap">
                      {dateTime(s.createdAt)}
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="muted">No stores yet.</p>
            )
          }
        </Show>
      </section>
      {canWrite ? (
        <form className="card" onSubmit={submit} aria-labelledby="store-new-heading">
          <h2 id="store-new-heading">Register a store</h2>
          <div className="row">
            <div className="field">
              <label htmlFor="store-external-id">External id</label>
              <input
                id="store-external-id"
                required
                maxLength={100}
                value={draft.externalId}
                onChange={(e) => setDraft({ ...draft, externalId: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="store-name">Name</label>
              <input id="store-name" required maxLength={255} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="store-type">Type</label>
              <select id="store-type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as 'RETAIL' | 'ECOMM' })}>
                <option value="RETAIL">Retail (a shop)</option>
                <option value="ECOMM">E-commerce</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="store-time-zone">Time zone</label>
              <input id="store-time-zone" maxLength={100} value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} />
            </div>
            <button type="submit" disabled={busy}>
              Register store
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
