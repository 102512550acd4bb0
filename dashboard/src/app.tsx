import { useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { signOut } from './api/client';
import { useAllBots, useMe } from './api/queries';
import { BotFormPage } from './pages/bot-form-page';
import { BotsPage } from './pages/bots-page';
import { CredentialsPage } from './pages/credentials-page';
import { NotificationsPage } from './pages/notifications-page';
import { SignInPage } from './pages/sign-in-page';
import { SystemPage } from './pages/system-page';
import { UsersPage } from './pages/users-page';
import { Link, usePath } from './router';
import { useToken } from './session';

// The chart library is the largest dependency: only the pages with a chart load it.
const BotPage = lazy(() => import('./pages/bot-page'));
const BacktestPage = lazy(() => import('./pages/backtest-page'));
const OverviewPage = lazy(() => import('./pages/overview-page'));
const OptimizePage = lazy(() => import('./pages/optimize-page'));

const UUID = '([0-9a-f-]{36})';

function route(path: string): ReactNode {
  let match: RegExpExecArray | null;
  if (path === '/') return <Home />;
  if (path === '/bots') return <BotsPage />;
  if (path === '/bots/new') return <BotFormPage />;
  if ((match = new RegExp(`^/bots/${UUID}$`).exec(path))) return <BotPage id={match[1]} />;
  if ((match = new RegExp(`^/bots/${UUID}/edit$`).exec(path))) {
    return <BotFormPage id={match[1]} />;
  }
  if (path === '/backtest') return <BacktestPage />;
  if (path === '/optimize') return <OptimizePage />;
  if (path === '/credentials') return <CredentialsPage />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/users') return <UsersPage />;
  if (path === '/system') return <SystemPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/bots">Back to the bots</Link>
      </p>
    </section>
  );
}

/** The Overview once the user has bots; until then the bots page and its first-bot link. */
function Home() {
  // The Overview's own request: its answer is reused when the Overview shows.
  const bots = useAllBots();
  if (!bots.data) return bots.error ? <BotsPage /> : <p aria-busy="true">Loading…</p>;
  return bots.data.total > 0 ? <OverviewPage /> : <BotsPage />;
}

export function App() {
  const token = useToken();
  const queryClient = useQueryClient();
  // Nothing of one user's may show to the next one who signs in here.
  useEffect(() => {
    if (!token) queryClient.clear();
  }, [token, queryClient]);
  return token ? <Shell /> : <SignInPage />;
}

function Shell() {
  const path = usePath();
  const me = useMe();
  const isAdmin = me.data?.role === 'admin';
  const links: [string, string][] = [
    ['/', 'Overview'],
    ['/bots', 'Bots'],
    ['/backtest', 'Backtest'],
    ['/optimize', 'Optimize'],
    ['/credentials', 'Credentials'],
    ['/notifications', 'Notifications'],
    ...(isAdmin
      ? ([
          ['/users', 'Users'],
          ['/system', 'System'],
        ] as [string, string][])
      : []),
  ];
  const current = (to: string) => (to === '/' ? path === '/' : path.startsWith(to));
  return (
    <>
      <header className="top">
        <Link to="/" className="brand">
          tradebot
        </Link>
        <nav aria-label="Main">
          {links.map(([to, label]) => (
            <Link key={to} to={to} aria-current={current(to) ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="who">
          {me.data && <span className="email">{me.data.email}</span>}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>{route(path)}</Suspense>
      </main>
    </>
  );
}
