// Contacts: search-as-you-type over names, email, phone and member number
// (newest first, "Show more" pages on), and the exact key lookup.
// The query is kept in the URL, so a search can be shared and survives Back.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { type ContactListItem, searchContacts } from '../api/contacts-browse.ts';
import type { Contact } from '../api/types.ts';
import { Failure, Loading, Table } from '../components/ui.tsx';
import { contactName, dateTime } from '../format.ts';
import { Link, href, navigate } from '../router.tsx';
import { useSession } from '../session.ts';

/** Long enough to skip the intermediate keystrokes of a word, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

type Results = { state: 'loading' } | { state: 'error'; error: ApiFailure } | { state: 'ok'; items: ContactListItem[]; nextCursor: string | null; q: string };

export function ContactsPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const [text, setText] = useState(query.get('q') ?? '');
  const [results, setResults] = useState<Results>({ state: 'loading' });
  const [more, setMore] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      navigate(href('/contacts', { q: text.trim() }), { replace: true });
      searchContacts(api, text).then(
        (page) => ticket === latest.current && setResults({ state: 'ok', ...page, q: text.trim() }),
        (error: unknown) =>
          ticket === latest.current && setResults({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, text]);

  async function showMore() {
    if (results.state !== 'ok' || !results.nextCursor) return;
    const ticket = latest.current;
    setMore(true);
    try {
      const page = await searchContacts(api, results.q, results.nextCursor);
      if (ticket === latest.current) setResults({ ...results, items: [...results.items, ...page.items], nextCursor: page.nextCursor });
    } catch (error) {
      if (ticket === latest.current) setResults({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) });
    } finally {
      setMore(false);
    }
  }

  return (
    <section>
      <h1>Contacts</h1>
      <div className="card contacts-search" role="search">
        <label htmlFor="contact-q">Find contacts</label>
        <input
          id="contact-q"
          type="search"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Name, email, phone or member number"
          aria-describedby="contact-q-help"
        />
        <p id="contact-q-help" className="muted">
          Matches the start of a first, last or full name, an email, a phone number (digits) or a member number, in any case.
        </p>
      </div>
      <ContactResults results={results} />
      {results.state === 'ok' && results.nextCursor ? (
        <button type="button" onClick={showMore} disabled={more}>
          {more ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
      <KeyLookup />
    </section>
  );
}

function ContactResults({ results }: { results: Results }) {
  if (results.state === 'loading') return <Loading what="contacts" />;
  if (results.state === 'error') return <Failure error={results.error} what="the contact search" />;
  if (results.items.length === 0) {
    return (
      <p className="state" role="status">
        {results.q ? `No contact matches “${results.q}”.` : 'No contacts yet.'}
      </p>
    );
  }
  return <ContactTable contacts={results.items} caption={results.q ? `Contacts matching ${results.q}` : 'Contacts, newest first'} />;
}

export function ContactTable({ contacts, caption }: { contacts: (ContactListItem | Contact)[]; caption: string }) {
  return (
    <Table stack caption={caption} head={['Name', 'Email', 'Mobile phone', 'Member number', 'Type', 'Registered']}>
      {contacts.map((contact) => {
        const id = (contact.id ?? (contact as Contact).contactId)!;
        return (
          <tr key={id}>
            <td data-label="Name">
              <Link to={`/contacts/${encodeURIComponent(id)}`}>{contactName(contact) || id}</Link>
            </td>
            <td data-label="Email">{contact.email ?? '—'}</td>
            <td data-label="Mobile phone" className="nowrap">
              {contact.mobilePhone ?? '—'}
            </td>
            <td data-label="Member number">{contact.memberNumber ?? '—'}</td>
            <td data-label="Type">{contact.contactType ?? '—'}</td>
            <td data-label="Registered" className="nowrap">
              {dateTime(contact.createdAt)}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

const kinds = [
  ['any', 'Any (email, phone, member number)'],
  ['email', 'Email'],
  ['mobilePhone', 'Mobile phone (E.164, +46…)'],
  ['customKey', 'Member number'],
  ['id', 'Contact id'],
] as const;
type Kind = (typeof kinds)[number][0];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The exact lookup an integration uses. When a key names several contacts (a contact
 * registered twice), they are listed so the user can open either.
 */
function KeyLookup() {
  const { api } = useSession();
  const [kind, setKind] = useState<Kind>('any');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<Contact[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function lookUp(event: FormEvent) {
    event.preventDefault();
    const text = value.trim();
    setMessage(null);
    setFailure(null);
    setCandidates(null);
    if (!text) return;
    if (kind === 'id' || (kind === 'any' && uuid.test(text))) {
      navigate(`/contacts/${encodeURIComponent(text)}`);
      return;
    }
    setBusy(true);
    try {
      const id = await api.lookupContact(kind, text);
      navigate(`/contacts/${encodeURIComponent(id)}`);
    } catch (error) {
      const failed = error instanceof ApiFailure ? error : new ApiFailure(0, undefined);
      const code = failed.problem?.errorCode;
      if (code === 'ContactNotFound') setMessage(`No contact has the key “${text}”.`);
      else if (code === 'MultipleMatches') {
        const ids = (failed.problem?.contactIds as string[] | undefined) ?? [];
        setMessage(`${ids.length} contacts have the key “${text}”. Open either:`);
        setCandidates(await Promise.all(ids.slice(0, 20).map((id) => api.contact(id).catch(() => ({ id }) as Contact))));
      } else if (failed.status === 400) setMessage(failed.problem?.detail ?? failed.problem?.title ?? failed.message);
      else setFailure(failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="lookup-heading" className="key-lookup">
      <h2 id="lookup-heading">Look up by key</h2>
      <form className="card search" onSubmit={lookUp}>
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
          <input id="search-value" type="text" required value={value} onChange={(e) => setValue(e.target.value)} placeholder="anna@example.com" />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Looking up…' : 'Search'}
        </button>
      </form>
      {message ? (
        <p className="state" role="status">
          {message}
        </p>
      ) : null}
      {candidates?.length ? <ContactTable contacts={candidates} caption="Contacts with this key" /> : null}
      {failure ? <Failure error={failure} what="the key lookup" /> : null}
    </section>
  );
}
