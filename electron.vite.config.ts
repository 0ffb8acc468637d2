import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // The command line (bin/interview-recorder.cjs) is built with the app, from the same services.
      rollupOptions: { input: { index: resolve(__dirname, 'main/electron/main.ts'), cli: resolve(__dirname, 'main/cli/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: { exclude: ['zod'] },
      // Sandboxed preloads must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
});
