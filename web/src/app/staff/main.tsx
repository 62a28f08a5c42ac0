import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './staff.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { getLocale } from '../../shared/i18n.ts';
import { restoreSession } from '../../shared/session.ts';
import { Providers } from './providers.tsx';
import { router } from './router.tsx';

document.documentElement.lang = getLocale();
void restoreSession();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
