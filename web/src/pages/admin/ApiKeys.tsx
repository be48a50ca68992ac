// API keys (admin keys only): list, create (the secret is shown once, here, and never
// again: only its hash is stored), revoke after a confirmation.
import { type FormEvent, useState } from 'react';
import { type ApiKey, type NewApiKey, type Scope, createKey, keys, problemText, revokeKey } from '../../api/admin.ts';
import { useApi } from '../../api/useApi.ts';
import { Confirm } from '../../components/Confirm.tsx';
import { toast } from '../../components/Toast.tsx';
import { Badge, Show, Table } from '../../components/ui.tsx';
import { dateTime } from '../../format.ts';
import { useSession } from '../../session.ts';

export function ApiKeys() {
  const { api } = useSession();
  const list = useApi(() => keys(api), [api]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read');
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      setCreated(await createKey(api, { name: name.trim(), scope }));
      setName('');
      list.reload();
    } catch (error) {
      toast(`The key was not created: ${problemText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKey) {
    setRevoking(null);
    try {
      await revokeKey(api, key.id);
      toast(`Key “${key.name}” revoked: it no longer works.`);
      list.reload();
    } catch (error) {
      toast(`The key was not revoked: ${problemText(error)}`, 'error');
    }
  }

  return (
    <>
      <form className="card" onSubmit={create} aria-labelledby="key-new-heading">
        <h2 id="key-new-heading">Create a key</h2>
        <div className="row">
          <div className="field grow">
            <label htmlFor="key-name">Name (who or what uses it)</label>
            <input id="key-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="key-scope">Scope</label>
            <select id="key-scope" value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
              <option value="read">read: look only</option>
              <option value="write">write: orders, contacts, registers</option>
              <option value="admin">admin: everything, keys included</option>
            </select>
          </div>
          <button type="submit" disabled={busy}>
            Create key
          </button>
        </div>
      </form>
      {created ? (
        <section className="card" role="status" aria-label="New key secret">
          <h2>Key “{created.name}” created</h2>
          <p>Copy the secret now: it is shown only this once and cannot be read back later.</p>
          <code className="secret" data-testid="key-secret">
            {created.secret}
          </code>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </section>
      ) : null}
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        <Show loaded={list} what="the API keys">
          {(answer) =>
            answer.items.length ? (
              <Table caption="API keys" head={['Name', 'Scope', 'Created', '']} stack>
                {answer.items.map((k) => (
                  <tr key={k.id}>
                    <td data-label="Name">{k.name}</td>
                    <td data-label="Scope">
                      <Badge tone={k.scope}>{k.scope}</Badge>
                    </td>
                    <td data-label="Created" className="nowrap">
                      {dateTime(k.createdAt)}
                    </td>
                    <td data-label="">
                      <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="muted">No keys yet (the ADMIN_API_KEY of the configuration is not listed).</p>
            )
          }
        </Show>
      </section>
      {revoking ? (
        <Confirm
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          danger
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>Every client using this key is refused from now on. This cannot be undone.</p>
        </Confirm>
      ) : null}
    </>
  );
}
