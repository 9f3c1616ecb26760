import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import App from './App.vue'
import { router } from './router'
import './style.css'

const app = createApp(App)
app.use(createPinia())
app.use(router)
// Element Plus components are imported on demand (vite.config.ts); its Chinese texts (date
// pickers, pagination, empty tables, message boxes) are set here for the whole application.
provideGlobalConfig({ locale: zhCn }, app, true)
app.mount('#app')
