// Automations (admin keys): the list, a form to create one or edit its trigger and
// steps with a preview against an order and a test send, and delete after a confirmation. What each run delivered is on the
// Automations page (runs). Webhook secrets are write-only: editing one asks for it again.
import { type FormEvent, useState } from 'react';
import {
  type AutomationInput,
  type AutomationStep,
  allAutomations,
  automation,
  createAutomation,
  deleteAutomation,
  problemText,
  updateAutomation,
} from '../../api/admin.ts';
import type { Automation } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Confirm } from '../../components/Confirm.tsx';
import { toast } from '../../components/Toast.tsx';
import { Failure, Loading, Show, Table } from '../../components/ui.tsx';
import { dateTime } from '../../format.ts';
import { Link, navigate } from '../../router.tsx';
import { useSession } from '../../session.ts';
import { AutomationPreview } from './AutomationPreview.tsx';

const newStep = (type: 'email' | 'webhook'): AutomationStep => (type === 'email' ? { type, subject: '', text: '' } : { type, url: '', secret: '' });
const blank: AutomationInput = { name: '', trigger: { action: 'ConfirmOrder' }, steps: [newStep('email')] };

export function AdminAutomations({ editId }: { editId?: string }) {
  const { api } = useSession();
  const list = useApi(() => allAutomations(api), [api]);
  const [deleting, setDeleting] = useState<Automation | null>(null);

  async function remove(a: Automation) {
    setDeleting(null);
    try {
      await deleteAutomation(api, a.id);
      toast(`Automation “${a.name}” deleted.`);
      if (editId === a.id) navigate('/admin/automations');
      list.reload();
    } catch (error) {
      toast(`The automation was not deleted: ${problemText(error)}`, 'error');
    }
  }

  return (
    <>
      <section aria-labelledby="automation-list-heading">
        <h2 id="automation-list-heading">Automations</h2>
        <p className="muted">
          What each run sent, and whether it arrived: <Link to="/automations">runs and deliveries</Link>.
        </p>
        <Show loaded={list} what="automations">
          {(items) =>
            items.length ? (
              <Table caption="Automations to edit" head={['Name', 'When action', 'Steps', 'Changed', '']} stack>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td data-label="Name">
                      <Link to={`/admin/automations/${a.id}`}>{a.name}</Link>
                    </td>
                    <td data-label="When action">{a.trigger.action}</td>
                    <td data-label="Steps">{a.steps.map((s) => s.type).join(', ')}</td>
                    <td data-label="Changed" className="nowrap">
                      {dateTime(a.updatedAt ?? a.createdAt)}
                    </td>
                    <td data-label="">
                      <button type="button" className="danger" aria-label={`Delete ${a.name}`} onClick={() => setDeleting(a)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="muted">No automations yet.</p>
            )
          }
        </Show>
      </section>
      {editId ? <EditExisting key={editId} id={editId} onSaved={list.reload} /> : <AutomationForm key="new" initial={blank} onSaved={list.reload} />}
      {deleting ? (
        <Confirm
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete automation"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>Actions on orders no longer start it. Its past runs stay listed.</p>
        </Confirm>
      ) : null}
    </>
  );
}

function EditExisting({ id, onSaved }: { id: string; onSaved: () => void }) {
  const { api } = useSession();
  const loaded = useApi(() => automation(api, id), [api, id]);
  if (loaded.state === 'loading') return <Loading what="the automation" />;
  if (loaded.state === 'error') return <Failure error={loaded.error} what="the automation" retry={loaded.reload} />;
  const { name, trigger, steps } = loaded.data;
  return <AutomationForm id={id} initial={{ name, trigger: { action: trigger.action }, steps }} onSaved={onSaved} />;
}

function AutomationForm({ id, initial, onSaved }: { id?: string; initial: AutomationInput; onSaved: () => void }) {
  const { api } = useSession();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const setStep = (index: number, change: Partial<AutomationStep>) =>
    setDraft({ ...draft, steps: draft.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) });

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = id ? await updateAutomation(api, id, draft) : await createAutomation(api, draft);
      toast(`Automation “${saved.name}” ${id ? 'saved' : 'created'}.`);
      onSaved();
      if (!id) navigate(`/admin/automations/${saved.id}`);
    } catch (error) {
      toast(`The automation was not saved: ${problemText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="card" onSubmit={save} aria-labelledby="automation-form-heading">
        <h2 id="automation-form-heading">{id ? `Edit “${initial.name}”` : 'New automation'}</h2>
        {id ? (
          <p>
            <Link to="/admin/automations">Create a new one instead</Link>
          </p>
        ) : null}
        <div className="row">
          <div className="field grow">
            <label htmlFor="automation-name">Name</label>
            <input id="automation-name" required maxLength={200} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="automation-action">When this action is triggered</label>
            <input
              id="automation-action"
              required
              maxLength={100}
              value={draft.trigger.action}
              onChange={(e) => setDraft({ ...draft, trigger: { action: e.target.value } })}
            />
          </div>
        </div>
        <h3 className="steps-heading">Steps</h3>
        {draft.steps.map((step, index) => (
          <fieldset key={index} className="step">
            <legend>Step {index + 1}</legend>
            <div className="row">
              <div className="field">
                <label htmlFor={`step-${index}-type`}>Type</label>
                <select
                  id={`step-${index}-type`}
                  value={step.type}
                  onChange={(e) => setDraft({ ...draft, steps: draft.steps.map((s, i) => (i === index ? newStep(e.target.value as 'email' | 'webhook') : s)) })}
                >
                  <option value="email">Email to the contact</option>
                  <option value="webhook">Webhook (signed POST)</option>
                </select>
              </div>
              {step.type === 'email' ? (
                <div className="field grow">
                  <label htmlFor={`step-${index}-subject`}>Subject (Liquid template)</label>
                  <input id={`step-${index}-subject`} required value={step.subject ?? ''} onChange={(e) => setStep(index, { subject: e.target.value })} />
                </div>
              ) : (
                <>
                  <div className="field grow">
                    <label htmlFor={`step-${index}-url`}>URL</label>
                    <input id={`step-${index}-url`} type="url" required value={step.url ?? ''} onChange={(e) => setStep(index, { url: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor={`step-${index}-secret`}>Signing secret{id ? ' (enter again)' : ''}</label>
                    <input
                      id={`step-${index}-secret`}
                      type="password"
                      autoComplete="off"
                      required
                      value={step.secret ?? ''}
                      onChange={(e) => setStep(index, { secret: e.target.value })}
                    />
                  </div>
                </>
              )}
            </div>
            {step.type === 'email' ? (
              <div className="field">
                <label htmlFor={`step-${index}-text`}>Plain-text body (Liquid template)</label>
                <textarea id={`step-${index}-text`} value={step.text ?? ''} onChange={(e) => setStep(index, { text: e.target.value })} />
              </div>
            ) : null}
            {draft.steps.length > 1 ? (
              <button type="button" className="secondary" onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, i) => i !== index) })}>
                Remove step {index + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <div className="row">
          <button
            type="button"
            className="secondary"
            disabled={draft.steps.length >= 20}
            onClick={() => setDraft({ ...draft, steps: [...draft.steps, newStep('email')] })}
          >
            Add step
          </button>
          <button type="submit" disabled={busy}>
            {id ? 'Save automation' : 'Create automation'}
          </button>
        </div>
      </form>
      <AutomationPreview id={id} draft={draft} />
    </>
  );
}
