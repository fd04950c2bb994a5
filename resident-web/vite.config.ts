import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The resident's web client, served by the backend at /r/.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/r/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, '../out/resident'), emptyOutDir: true },
});
