// The contact card's lead: summary figures and segment memberships; and the
// "Edit contact" form (PATCH: only the fields the user changed are sent).
import { type FormEvent, useState } from 'react';
import { ApiFailure } from '../api/client.ts';
import { type ContactPatch, type ContactSummary, patchContact } from '../api/contacts-browse.ts';
import type { Contact } from '../api/types.ts';
import { Failure } from '../components/ui.tsx';
import { dateTime, money, number } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ContactSummaryPanel({ summary }: { summary: ContactSummary }) {
  return (
    <section className="card contact-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <dl className="figures">
        <Figure label="Orders" value={number(summary.orders)} testId="summary-orders" />
        <Figure label="Open orders" value={number(summary.openOrders)} testId="summary-open" />
        <Figure label="Purchases · returns · mixed" value={`${summary.purchases} · ${summary.returns} · ${summary.mixed}`} testId="summary-kinds" />
        <Figure label="First purchase" value={dateTime(summary.firstPurchaseAt)} />
        <Figure label="Last purchase" value={dateTime(summary.lastPurchaseAt)} testId="summary-last" />
      </dl>
      {summary.totals.length ? (
        <dl className="figures money">
          {summary.totals.map((t) => (
            <div className="currency" key={t.currency} data-testid={`summary-${t.currency}`}>
              <Figure label={`Spent (${t.currency})`} value={money(t.spent, t.currency)} />
              <Figure label={`Returned (${t.currency})`} value={money(t.returned, t.currency)} />
              <Figure label={`Average order (${t.currency})`} value={money(t.averageOrderValue, t.currency)} />
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No purchases yet.</p>
      )}
      <h3>Segments</h3>
      {summary.segments.length ? (
        <ul className="chips" aria-label="Segments this contact is in">
          {summary.segments.map((segment) => (
            <li key={segment.id}>
              <Link to={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">In no saved segment.</p>
      )}
      {summary.segmentsTruncated ? <p className="muted">Not every saved segment was checked (there are many, or the check took too long).</p> : null}
    </section>
  );
}

const editable = [
  ['firstName', 'First name', 'text'],
  ['lastName', 'Last name', 'text'],
  ['email', 'Email', 'email'],
  ['mobilePhone', 'Mobile phone (E.164)', 'tel'],
  ['memberNumber', 'Member number', 'text'],
] as const;
type Field = (typeof editable)[number][0];

export function ContactEditor({ contact, contactId, onSaved }: { contact: Contact; contactId: string; onSaved: (contact: Contact) => void }) {
  const { api } = useSession();
  const initial = Object.fromEntries(editable.map(([name]) => [name, (contact[name] as string | null | undefined) ?? ''])) as Record<Field, string>;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    // Only changed, non-empty fields: PATCH keeps what is left out.
    const patch: ContactPatch = {};
    for (const [name] of editable) if (draft[name].trim() !== initial[name] && draft[name].trim() !== '') patch[name] = draft[name].trim();
    setFailure(null);
    setSaved(false);
    if (Object.keys(patch).length === 0) {
      setOpen(false);
      return;
    }
    setBusy(true);
    try {
      const contact = await patchContact(api, contactId, patch);
      setSaved(true);
      setOpen(false);
      onSaved(contact);
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error : new ApiFailure(0, undefined));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="edit-contact">
        <button
          type="button"
          onClick={() => {
            setDraft(initial);
            setOpen(true);
            setSaved(false);
          }}
        >
          Edit contact
        </button>
        {saved ? (
          <p className="toast ok" role="status">
            Contact saved.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form className="card edit-contact" onSubmit={save} aria-label="Edit contact">
      {editable.map(([name, label, type]) => (
        <div className="field" key={name}>
          <label htmlFor={`edit-${name}`}>{label}</label>
          <input id={`edit-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
        </div>
      ))}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save contact'}
        </button>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {failure ? <Failure error={failure} what="the contact change" /> : null}
    </form>
  );
}
