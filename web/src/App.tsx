// Sign-in, the layout and the route table.
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient, ApiFailure } from './api/client.ts';
import type { KeyInfo } from './api/types.ts';
import { Toaster } from './components/Toast.tsx';
import { Badge, Failure, Loading } from './components/ui.tsx';
import { AdminPage } from './pages/admin/AdminPage.tsx';
import { AutomationsPage } from './pages/Automations.tsx';
import { ContactCard } from './pages/ContactCard.tsx';
import { ContactsPage } from './pages/Contacts.tsx';
import { IntegrationLogPage } from './pages/IntegrationLog.tsx';
import { JobsPage } from './pages/Jobs.tsx';
import { OrderView } from './pages/OrderView.tsx';
import { OrdersPage } from './pages/Orders.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';
import { SegmentPage } from './segments/SegmentPage.tsx';
import { SegmentsPage } from './segments/SegmentsPage.tsx';
import { type Session, SessionContext, forgetKey, storeKey, storedKey } from './session.ts';

type Auth = { state: 'checking' } | { state: 'signedOut'; error?: ApiFailure } | { state: 'signedIn'; key: string; info: KeyInfo };

export function App() {
  const [auth, setAuth] = useState<Auth>(() => (storedKey() ? { state: 'checking' } : { state: 'signedOut' }));
  const signOut = useCallback(() => {
    forgetKey();
    setAuth({ state: 'signedOut' });
  }, []);

  const signIn = useCallback(async (key: string) => {
    try {
      const info = await new ApiClient(key).keyInfo();
      storeKey(key);
      setAuth({ state: 'signedIn', key, info });
    } catch (error) {
      forgetKey();
      setAuth({ state: 'signedOut', error: error instanceof ApiFailure ? error : undefined });
    }
  }, []);

  useEffect(() => {
    const key = storedKey();
    if (key) void signIn(key);
  }, [signIn]);

  const session = useMemo<Session | null>(() => {
    if (auth.state !== 'signedIn') return null;
    return {
      api: new ApiClient(auth.key, signOut),
      key: auth.info,
      canWrite: auth.info.scope !== 'read',
      isAdmin: auth.info.scope === 'admin',
      signOut,
    };
  }, [auth, signOut]);

  if (auth.state === 'checking') return <Loading what="your session" />;
  if (!session) return <SignIn onSignIn={signIn} error={auth.state === 'signedOut' ? auth.error : undefined} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell session={session} />
    </SessionContext.Provider>
  );
}

function SignIn({ onSignIn, error }: { onSignIn: (key: string) => Promise<void>; error?: ApiFailure }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    await onSignIn(key.trim());
    setBusy(false);
  }
  return (
    <main className="signin">
      <h1>Engage Orders</h1>
      <form onSubmit={submit} className="card">
        <label htmlFor="apikey">API key</label>
        <input id="apikey" type="password" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} />
        <p className="muted">Kept for this browser tab only (session storage). A read key can look at everything but change nothing.</p>
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error ? (
          error.unauthorized ? (
            <p role="alert" className="state error">
              That API key is not known.
            </p>
          ) : (
            <Failure error={error} what="the key check" />
          )
        ) : null}
      </form>
    </main>
  );
}

const nav = [
  ['/orders', 'Orders'],
  ['/contacts', 'Contacts'],
  ['/integration-log', 'Integration log'],
  ['/segments', 'Segments'],
  ['/jobs', 'Jobs'],
  ['/automations', 'Automations'],
  ['/admin', 'Admin'],
] as const;

function Shell({ session }: { session: Session }) {
  const location = useLocation();
  const path = location.path;
  useEffect(() => {
    if (path === '/' || path === '') navigate('/orders', { replace: true });
  }, [path]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Engage Orders</span>
        <nav aria-label="Main">
          <ul>
            {nav.map(([to, label]) => (
              <li key={to}>
                <Link to={to} aria-current={path.startsWith(to) ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          {session.key.name} <Badge tone={session.key.scope}>{session.key.scope}</Badge>
          <button type="button" className="link" onClick={session.signOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Route path={path} query={location.query} />
      </main>
      <Toaster />
    </>
  );
}

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  let params: Record<string, string> | null;
  if (match('/orders', path) || match('/', path)) return <OrdersPage query={query} />;
  if ((params = match('/contacts/:contactId', path))) return <ContactCard contactId={params.contactId!} tab={query.get('tab') ?? 'orders'} />;
  if (match('/contacts', path) || match('/', path)) return <ContactsPage query={query} />;
  if ((params = match('/orders/:orderId', path))) return <OrderView key={params.orderId} orderId={params.orderId!} />;
  if (match('/integration-log', path)) return <IntegrationLogPage query={query} />;
  if ((params = match('/segments/:id', path))) return <SegmentPage id={params.id!} />;
  if (match('/segments', path)) return <SegmentsPage />;
  if (match('/jobs', path)) return <JobsPage query={query} />;
  if (match('/automations', path)) return <AutomationsPage />;
  if (path === '/admin' || path.startsWith('/admin/')) return <AdminPage path={path.replace(/\/+$/, '')} query={query} />;
  return (
    <div className="state">
      <h1>Page not found</h1>
      <p>
        <Link to="/contacts">Go to contact search</Link>
      </p>
    </div>
  );
}
