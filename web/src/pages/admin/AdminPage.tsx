// Administration: stores, articles, automations and API keys, as tabs under /admin.
// The pages call the public API with the signed-in key; what the key's scope does not
// allow is answered 403 by the service and shown as "Not allowed".
import { useEffect } from 'react';
import { Link, match, navigate } from '../../router.tsx';
import { AdminAutomations } from './AdminAutomations.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Articles } from './Articles.tsx';
import { Stores } from './Stores.tsx';

const tabs = [
  ['/admin/stores', 'Stores'],
  ['/admin/articles', 'Articles'],
  ['/admin/automations', 'Automations'],
  ['/admin/keys', 'API keys'],
] as const;

export function AdminPage({ path, query }: { path: string; query: URLSearchParams }) {
  useEffect(() => {
    if (match('/admin', path)) navigate('/admin/stores', { replace: true });
  }, [path]);
  let params: Record<string, string> | null;
  let page = null;
  if (match('/admin/stores', path)) page = <Stores />;
  else if (match('/admin/articles', path)) page = <Articles sku={query.get('sku') ?? ''} />;
  else if ((params = match('/admin/automations/:id', path))) page = <AdminAutomations editId={params.id!} />;
  else if (match('/admin/automations', path)) page = <AdminAutomations />;
  else if (match('/admin/keys', path)) page = <ApiKeys />;
  return (
    <section>
      <h1>Administration</h1>
      <nav className="tabs admin-tabs" aria-label="Administration">
        {tabs.map(([to, label]) => (
          <Link key={to} to={to} aria-current={path.startsWith(to) ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {page}
    </section>
  );
}
