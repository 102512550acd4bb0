import { defineConfig } from 'vite';

/** Where `npm run start:dev` or `npm start` serves the API while the dev server runs. */
const API = process.env.TRADEBOT_API ?? 'http://localhost:3000';

// Run from the project root as `vite build dashboard` (root = this folder); the app serves
// the output from dist/dashboard (src/dashboard/dashboard.module.ts).
export default defineConfig({
  base: '/',
  // No React plugin (it does not install beside Vite 8 here): Vite's own Oxc transform
  // compiles TSX with React's automatic runtime, as the tsconfig's "jsx": "react-jsx" says.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/dashboard',
    emptyOutDir: true,
    // The entry is React DOM (~190 kB), TanStack Query, react-hook-form and the pages, ~100 kB
    // gzipped; the chart library loads only with the pages that draw charts. A warning past
    // this limit says the bundle grew.
    chunkSizeWarningLimit: 350,
    rolldownOptions: {
      onLog(level, log, handler) {
        // TanStack Query marks its modules "use client" for server components: moot here.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/api': API, '/docs': API, '/health': API },
  },
});
