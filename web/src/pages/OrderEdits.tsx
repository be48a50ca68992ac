// Edit controls on an order, shown only to write and admin keys: change the status,
// trigger an action at the current versionTag. Each edit is confirmed first (an action
// may send an email through an automation), the button stays disabled while it is in
// flight so a double click cannot send twice, a status change's job is followed to its
// end, and then the page refreshes its history and a toast says how it went.
import { type FormEvent, useRef, useState } from 'react';
import { ApiClient, ApiFailure } from '../api/client.ts';
import { type StatusChange, allAutomations, problemText } from '../api/admin.ts';
import { type Accepted, type Order, type OrderStatus, orderStatuses } from '../api/types.ts';
import { Confirm } from '../components/Confirm.tsx';
import { toast } from '../components/Toast.tsx';
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

/**
 * After an action: wait (in the background, up to a minute) until the automation runs it
 * started have an outcome, then say so and refresh, so support sees whether the email or
 * webhook went out without clicking again. Actions no automation listens to end at once.
 */
async function followRuns(api: ApiClient, orderId: string, action: string, actionId: string, onChanged: () => void): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const runs = (await api.automationRuns({ orderId, action, count: 50 })).items.filter((run) => run.actionId === actionId);
    if (runs.length === 0 || runs.every((run) => run.status !== 'Pending')) {
      if (runs.length) {
        const failed = runs.some((run) => run.status === 'Failed');
        toast(
          `${action}: ${runs.map((run) => `${run.automationName} ${run.status === 'Failed' ? 'failed' : 'delivered'}`).join(', ')}.`,
          failed ? 'error' : 'ok',
        );
        onChanged();
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface Pending {
  title: string;
  message: string;
  confirmLabel: string;
  work: () => Promise<string>;
}

export function OrderEdits({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const { api, isAdmin } = useSession();
  const [status, setStatus] = useState<OrderStatus>(order.status);
  const [externalStatus, setExternalStatus] = useState(order.externalStatus ?? '');
  const [action, setAction] = useState('ConfirmOrder');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const inFlight = useRef(false); // state updates are not synchronous: a second click in the same tick must see this

  async function run(work: () => Promise<string>) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      toast(await work(), 'ok');
      onChanged();
    } catch (error) {
      toast(`The change failed: ${problemText(error)}`, 'error');
      onChanged(); // show what is true now (e.g. a newer version made the action stale)
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function changeStatus(event: FormEvent) {
    event.preventDefault();
    const body: StatusChange = {};
    if (status !== order.status) body.status = status;
    if (externalStatus !== (order.externalStatus ?? '')) body.externalStatus = externalStatus;
    if (Object.keys(body).length === 0) {
      toast('Nothing to change: pick another status or external status.', 'error');
      return;
    }
    const what = [
      body.status ? `status ${order.status} → ${body.status}` : '',
      body.externalStatus !== undefined ? `external status “${order.externalStatus ?? ''}” → “${body.externalStatus}”` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    setPending({
      title: 'Change the status?',
      message: `Order ${order.orderId}: ${what}.`,
      confirmLabel: 'Change status',
      work: async () => {
        const accepted = await api.call<Accepted>('changeStatus', { params: { orderId: order.orderId }, body });
        await waitForJob(api, accepted.jobId);
        return `Status changed: ${what}.`;
      },
    });
  }

  async function triggerAction(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    // Admin keys can see which automations listen to the action, and so what it will send.
    let listeners = '';
    if (isAdmin) {
      try {
        const names = (await allAutomations(api)).filter((a) => a.trigger.action.toLowerCase() === action.toLowerCase()).map((a) => a.name);
        listeners = names.length
          ? ` It starts ${names.length === 1 ? 'the automation' : 'the automations'} ${names.map((n) => `“${n}”`).join(', ')}, which may email or notify the customer.`
          : ' No automation listens to it.';
      } catch {
        listeners = '';
      }
    }
    setPending({
      title: `Trigger ${action}?`,
      message: `Order ${order.orderId} at version ${order.versionTag}.${listeners || ' An automation listening to it may email or notify the customer.'}`,
      confirmLabel: 'Trigger action',
      work: async () => {
        const { actionId } = await api.triggerAction(order.orderId, { action, versionTag: order.versionTag });
        // Runs are matched to the action when it is accepted; their deliveries finish later.
        void followRuns(api, order.orderId, action, actionId, onChanged).catch(() => {});
        return `Action ${action} triggered (${actionId}).`;
      },
    });
  }

  function confirm() {
    const work = pending?.work;
    setPending(null);
    if (work) void run(work);
  }

  return (
    <section className="card edits" aria-labelledby="edit-heading" aria-busy={busy}>
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
        <button type="submit" disabled={busy || pending !== null}>
          {busy ? 'Working…' : 'Change status'}
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
        <button type="submit" disabled={busy || pending !== null}>
          Trigger action
        </button>
      </form>
      {pending ? (
        <Confirm title={pending.title} confirmLabel={pending.confirmLabel} onConfirm={confirm} onCancel={() => setPending(null)}>
          <p>{pending.message}</p>
        </Confirm>
      ) : null}
    </section>
  );
}
