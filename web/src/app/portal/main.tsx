import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalPage } from '../../features/portal/pages/PortalPage.tsx';
import { getLocale } from '../../shared/i18n.ts';

// The debtor portal: plain React and one CSS file. It must not import staff code
// (Mantine, react-router, react-query, the session module).
document.documentElement.lang = getLocale();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from portal.html');
createRoot(root).render(
  <StrictMode>
    <PortalPage />
  </StrictMode>,
);
