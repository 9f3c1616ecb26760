import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

// The C++ server (quancheng serve) answers /api; override its address with QC_API.
const apiTarget = process.env.QC_API || 'http://127.0.0.1:8080'

const src = fileURLToPath(new URL('./src/', import.meta.url))
const isElementPlus = (ids: string[]) =>
  ids.some((id) => id.includes('/node_modules/element-plus/')) && !ids.some((id) => id.startsWith(src))

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: each page's chunk carries only the components (and their CSS) it
    // uses. <el-…> tags and v-loading are resolved in templates; ElMessage & co. in scripts, where
    // they are used without an import. The two .d.ts files are generated: commit them, as vue-tsc
    // runs before vite.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/auto-imports.d.ts',
    }),
    Components({
      dirs: [], // our own components stay explicit imports
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        // Vue, its router and Pinia: needed by every page, and changed less often than the app.
        codeSplitting: { groups: [{ name: 'vue', test: /\/node_modules\/(@vue|vue|vue-router|pinia)\// }] },
        // Chunks shared by pages that hold only Element Plus and its dependencies would be named after
        // a style module ("css-…"); name them for what they hold.
        // tus-js-client, loaded on the first upload (api/media.ts), would be named after its entry ("browser").
        chunkFileNames: (chunk) =>
          isElementPlus(chunk.moduleIds)
            ? 'assets/element-plus-[hash].js'
            : chunk.moduleIds.some((id) => id.includes('/node_modules/tus-js-client/'))
              ? 'assets/tus-js-client-[hash].js'
              : 'assets/[name]-[hash].js',
        assetFileNames: (asset) =>
          asset.names.includes('css.css') ? 'assets/element-plus-[hash][extname]' : 'assets/[name]-[hash][extname]',
      },
    },
  },
})
