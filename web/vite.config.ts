// Builds the console into web/dist; the service serves it at `/` (src/console/routes.ts).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // `npx vite web` during development: the API answers on the service's port.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
