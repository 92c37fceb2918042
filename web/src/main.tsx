import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api.js';
import { AuthProvider, useAuth } from './auth.js';
import { Layout } from './layout.js';
import { HomePage } from './pages/home.js';
import { LoginPage } from './pages/login.js';
import { PasswordPage } from './pages/password.js';
import { startGridRead } from './pages/journal/grid-data.js';
import { ROUTES } from './routes.js';
import { notifyArea } from './pages/notify/index.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2, refetchOnWindowFocus: false },
  },
});

function App() {
  const { me, loading } = useAuth();
  if (loading)
    return (
      <p className="muted" style={{ padding: '1rem' }}>
        Загрузка…
      </p>
    );
  // The link at the end of every e-mail unsubscribes without a login (issue 14).
  if (location.pathname === '/unsubscribe') return <Suspense fallback={null}>{notifyArea('UnsubscribePage')}</Suspense>;
  if (!me) return <LoginPage />;
  if (me.user.mustChangePassword) return <PasswordPage forced />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="password" element={<PasswordPage />} />
        {ROUTES.map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
        <Route
          path="*"
          element={
            <p>
              Страница не найдена. <a href="/">На главную</a>
            </p>
          }
        />
      </Route>
    </Routes>
  );
}

startGridRead(location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
