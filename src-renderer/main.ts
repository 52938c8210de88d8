import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router.js';
import { i18n } from './i18n/index.js';
import { resettableStores } from './stores/store-reset.js';
import './styles.css';

const pinia = createPinia();
pinia.use(resettableStores);

createApp(App).use(pinia).use(router).use(i18n).mount('#app');
