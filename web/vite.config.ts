import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const apiTarget = process.env.RELANCE_API_URL ?? 'http://localhost:3000';

// Three entries: the staff back office (index.html), the debtor portal (portal.html) and the
// monthly report page the worker's Chromium prints (report.html). The portal entry only imports
// src/features/portal and src/shared, so no staff code (Mantine, router, react-query) ships to
// debtors; the report entry only the reports feature's components (no router, no session).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        staff: here('./index.html'),
        portal: here('./portal.html'),
        report: here('./report.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/local-pay': { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/local-pay': { target: apiTarget, changeOrigin: true },
    },
  },
});
