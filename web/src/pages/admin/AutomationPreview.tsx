// The editor's preview: pick an order (by id, suggested by the order list's search),
// see the draft's steps rendered against it as a delivery would render them, and
// send a test email to an address. Nothing is saved, recorded or sent to the contact.
import { type FormEvent, useEffect, useState } from 'react';
import { type AutomationInput, problemText } from '../../api/admin.ts';
import { ApiFailure } from '../../api/client.ts';
import { type OrderListItem, listOrders } from '../../api/orders-browse.ts';
import { toast } from '../../components/Toast.tsx';
import { ProblemDetails } from '../../components/ui.tsx';
import { useSession } from '../../session.ts';
import { type Preview, type PreviewStep, previewAutomation, testSendAutomation } from './automation-preview-api.ts';

type Result = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; preview: Preview } | { state: 'error'; error: ApiFailure };

/** Waits for typing to pause before calling the API. */
function useSettled<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function AutomationPreview({ id, draft }: { id?: string; draft: AutomationInput }) {
  const { api } = useSession();
  const [orderId, setOrderId] = useState('');
  const [language, setLanguage] = useState('');
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [suggestions, setSuggestions] = useState<OrderListItem[]>([]);
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const request = useSettled(JSON.stringify({ orderId: orderId.trim(), language: language.trim(), steps: draft.steps, action: draft.trigger.action }));

  useEffect(() => {
    const query = orderId.trim();
    let live = true;
    listOrders(api, query ? { q: query } : {}, null, 8).then(
      (page) => live && setSuggestions(page.items),
      () => live && setSuggestions([]),
    );
    return () => {
      live = false;
    };
  }, [api, orderId]);

  useEffect(() => {
    const body = JSON.parse(request) as { orderId: string; language: string; steps: AutomationInput['steps']; action: string };
    if (!body.orderId) return setResult({ state: 'idle' });
    let live = true;
    setResult({ state: 'loading' });
    previewAutomation(api, {
      orderId: body.orderId,
      steps: body.steps,
      ...(id ? { automationId: id } : {}),
      ...(body.action.trim() ? { action: body.action.trim() } : {}),
      ...(body.language ? { language: body.language } : {}),
    }).then(
      (preview) => live && setResult({ state: 'ok', preview }),
      (error: unknown) => live && setResult({ state: 'error', error: error instanceof ApiFailure ? error : new ApiFailure(0, undefined) }),
    );
    return () => {
      live = false;
    };
  }, [api, id, request]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!id) return;
    setSending(true);
    try {
      const sent = await testSendAutomation(api, id, {
        orderId: orderId.trim(),
        to: to.trim(),
        steps: draft.steps,
        ...(draft.trigger.action.trim() ? { action: draft.trigger.action.trim() } : {}),
        ...(language.trim() ? { language: language.trim() } : {}),
      });
      toast(`Test email sent to ${sent.to} (${sent.sent.length === 1 ? '1 message' : `${sent.sent.length} messages`}).`);
    } catch (error) {
      toast(`The test email was not sent: ${problemText(error)}`, 'error');
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="card preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview against an order</h2>
      <p className="muted">Rendered as a delivery would render it: the order&apos;s current version, its contact and this action. Nothing is sent.</p>
      <div className="row">
        <div className="field grow">
          <label htmlFor="preview-order">Order id</label>
          <input
            id="preview-order"
            list="preview-order-suggestions"
            autoComplete="off"
            placeholder="Type an order id, email or name"
            value={orderId}
            onChange={(e) => setOrderId(e.target.value)}
          />
          <datalist id="preview-order-suggestions">
            {suggestions.map((order) => (
              <option key={order.orderId} value={order.orderId}>
                {[order.contactName, order.contactEmail].filter(Boolean).join(' · ')}
              </option>
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="preview-language">Language (optional)</label>
          <input id="preview-language" placeholder="sv-SE" value={language} onChange={(e) => setLanguage(e.target.value)} />
        </div>
      </div>
      <PreviewResult result={result} />
      {id ? (
        <form className="row" onSubmit={send} aria-label="Send a test email">
          <div className="field grow">
            <label htmlFor="test-send-to">Send a test to</label>
            <input id="test-send-to" type="email" required placeholder="you@example.com" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" disabled={sending || !orderId.trim()}>
            Send test
          </button>
        </form>
      ) : (
        <p className="muted">Create the automation to send a test email.</p>
      )}
    </section>
  );
}

function PreviewResult({ result }: { result: Result }) {
  if (result.state === 'idle') return <p className="muted">Choose an order to see the preview.</p>;
  if (result.state === 'loading')
    return (
      <p className="state loading" role="status">
        Rendering…
      </p>
    );
  if (result.state === 'error') {
    const { error } = result;
    return (
      <div className="state error" role="alert" data-testid="preview-error">
        <strong>No preview.</strong> <ProblemDetails error={error} />
      </div>
    );
  }
  return (
    <div data-testid="preview">
      {result.preview.steps.map((step) => (
        <StepResult key={step.stepIndex} step={step} />
      ))}
    </div>
  );
}

function StepResult({ step }: { step: PreviewStep }) {
  if (step.type === 'webhook') {
    return (
      <article className="rendered" aria-label={`Step ${step.stepIndex + 1} preview`}>
        <h3>
          Step {step.stepIndex + 1}: webhook to <span className="wrap-anywhere">{step.url}</span>
        </h3>
        <pre className="wrap">{JSON.stringify(step.body, null, 2)}</pre>
      </article>
    );
  }
  return (
    <article className="rendered" aria-label={`Step ${step.stepIndex + 1} preview`}>
      <h3>Step {step.stepIndex + 1}: email</h3>
      <dl className="fields">
        <div>
          <dt>To</dt>
          <dd className="wrap-anywhere">{step.to ?? '—'}</dd>
        </div>
        <div>
          <dt>Template</dt>
          <dd>{step.template}</dd>
        </div>
        <div>
          <dt>Subject</dt>
          <dd data-testid="preview-subject">{step.subject}</dd>
        </div>
      </dl>
      {step.skipped ? <p className="state unavailable">{step.skipped}</p> : null}
      {step.text !== undefined ? (
        <pre className="wrap" data-testid="preview-text">
          {step.text}
        </pre>
      ) : null}
      {step.html !== undefined ? (
        <details>
          <summary>HTML body (source)</summary>
          <pre className="wrap">{step.html}</pre>
        </details>
      ) : null}
    </article>
  );
}
