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
    // Every font subset stays a file of its own, fetched only when a page's text falls in its
    // unicode-range; inlined into the CSS, the smallest would be downloaded by every page.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
    rolldownOptions: {
      output: {
        // d3 and the map decoding in a chunk of their own, so the app's own size can be told
        // apart (the bench reports both) and a release that changes only the app keeps it cached.
        // The font's @font-face rules likewise, apart from the app's own styles.
        codeSplitting: {
          groups: [
            { name: 'd3', test: /[\\/]node_modules[\\/](d3-[^\\/]+|topojson-client|internmap)[\\/]/ },
            { name: 'fonts', test: /[\\/]node_modules[\\/]@fontsource-variable[\\/]/ },
          ],
        },
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
