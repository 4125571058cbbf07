import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const api = 'http://localhost:3000'

export default defineConfig({
  root: 'client',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // d3 and the map decoding in a chunk of their own, so the app's own size can be told
        // apart (the bench reports both) and a release that changes only the app keeps it cached.
        codeSplitting: { groups: [{ name: 'd3', test: /[\\/]node_modules[\\/](d3-[^\\/]+|topojson-client|internmap)[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
})
