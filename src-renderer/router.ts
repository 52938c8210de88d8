import { createRouter, createWebHashHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import CatalogueView from './views/CatalogueView.vue';
import ProcedureView from './views/ProcedureView.vue';
import LookupView from './views/LookupView.vue';

// Hash history: the same build works over http://127.0.0.1 and Electron's app:// scheme.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/dich-vu-cong', name: 'catalogue', component: CatalogueView },
    { path: '/thu-tuc/:code', name: 'procedure', component: ProcedureView, props: true },
    { path: '/tra-cuu', name: 'lookup', component: LookupView },
    { path: '/:rest(.*)*', redirect: { name: 'home' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
});
