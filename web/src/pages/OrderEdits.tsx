// Edit controls on an order, shown only to write and admin keys: change the status,
// trigger an action at the current versionTag. Writes are jobs: wait for the outcome.
import { type FormEvent, useState } from 'react';
import { ApiClient, ApiFailure } from '../api/client.ts';
import { type Order, type OrderStatus, orderStatuses } from '../api/types.ts';
import { Failure } from '../components/ui.tsx';
import { useSession } from '../session.ts';

async function waitForJob(api: ApiClient, jobId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await api.job(jobId); // a failed job throws (422)
    // Success redirects to the order (fetch follows): the answer is the order itself.
    if (!('jobId' in answer) || answer.status === 'Succeeded') return;
    if (Date.now() > deadline) throw new ApiFailure(0, { status: 0, detail: `Job ${jobId} is still ${answer.status}; see Jobs.` });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function OrderEdits({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { api } = useSession();
  const [status, setStatus] = useState<OrderStatus>(order.status);
  const [externalStatus, setExternalStatus] = useState(order.externalStatus ?? '');
  const [action, setAction] = useState('ConfirmOrder');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setNote(null);
    setFailure(null);
    try {
      setNote(await work());
      onChanged();
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error : new ApiFailure(0, { status: 0, detail: String(error) }));
    } finally {
      setBusy(false);
    }
  }

  function changeStatus(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const body: { status?: OrderStatus; externalStatus?: string } = {};
      if (status !== order.status) body.status = status;
      if (externalStatus !== (order.externalStatus ?? '')) body.externalStatus = externalStatus;
      if (Object.keys(body).length === 0) return 'Nothing to change.';
      const accepted = await api.changeStatus(order.orderId, body);
      await waitForJob(api, accepted.jobId);
      return `Status changed (job ${accepted.jobId}).`;
    });
  }

  function triggerAction(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const { actionId } = await api.triggerAction(order.orderId, { action, versionTag: order.versionTag });
      return `Action ${action} accepted (${actionId}).`;
    });
  }

  return (
    <section className="card edits" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Change this order</h2>
      <form onSubmit={changeStatus} className="row">
        <div className="field">
          <label htmlFor="edit-status">Status</label>
          <select id="edit-status" value={status} onChange={(e) => setStatus(e.target.value as OrderStatus)}>
            {orderStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="edit-external-status">External status</label>
          <input id="edit-external-status" value={externalStatus} maxLength={100} onChange={(e) => setExternalStatus(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          Change status
        </button>
      </form>
      <form onSubmit={triggerAction} className="row">
        <div className="field">
          <label htmlFor="edit-action">Action</label>
          <input id="edit-action" list="well-known-actions" required maxLength={100} value={action} onChange={(e) => setAction(e.target.value)} />
          <datalist id="well-known-actions">
            {['ConfirmOrder', 'ConfirmShipment', 'ConfirmDelivery', 'ConfirmReturn', 'CancelOrder'].map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <button type="submit" disabled={busy}>
          Trigger action
        </button>
      </form>
      {note ? <p role="status">{note}</p> : null}
      {failure ? <Failure error={failure} what="the change" /> : null}
    </section>
  );
}
