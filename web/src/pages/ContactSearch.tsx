// Find a contact by email, mobile phone, member number or id (contract §8 lookup).
import { type FormEvent, useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { Failure } from '../components/ui.tsx';
import { navigate } from '../router.tsx';
import { useSession } from '../session.ts';

const kinds = [
  ['any', 'Any (email, phone, member number)'],
  ['email', 'Email'],
  ['mobilePhone', 'Mobile phone (E.164, +46…)'],
  ['customKey', 'Member number'],
  ['id', 'Contact id'],
] as const;
type Kind = (typeof kinds)[number][0];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ContactSearch() {
  const { api } = useSession();
  const [kind, setKind] = useState<Kind>('any');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function search(event: FormEvent) {
    event.preventDefault();
    const text = value.trim();
    setMessage(null);
    setFailure(null);
    if (!text) return;
    // A contact id needs no lookup; `any` with a GUID is also taken as an id.
    if (kind === 'id' || (kind === 'any' && uuid.test(text))) {
      navigate(`/contacts/${encodeURIComponent(text)}`);
      return;
    }
    setBusy(true);
    try {
      const id = await api.lookupContact(kind, text);
      navigate(`/contacts/${encodeURIComponent(id)}`);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure(0, undefined);
      const code = failure.problem?.errorCode;
      if (code === 'ContactNotFound') setMessage(`No contact matches “${text}”.`);
      else if (code === 'MultipleMatches') setMessage(`More than one contact matches “${text}”. Search by a more specific key.`);
      else if (failure.status === 400) setMessage(failure.problem?.title ?? failure.message);
      else setFailure(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>Find a contact</h1>
      <form className="card search" onSubmit={search} role="search">
        <div className="field">
          <label htmlFor="search-kind">Search by</label>
          <select id="search-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {kinds.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="search-value">Value</label>
          <input id="search-value" type="search" required value={value} onChange={(e) => setValue(e.target.value)} placeholder="anna@example.com" />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      {message ? (
        <p className="state" role="status">
          {message}
        </p>
      ) : null}
      {failure ? <Failure error={failure} what="contact search" /> : null}
    </section>
  );
}
