import { createRouter, createWebHashHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import { wizardGuard } from './stores/wizard.js';

// Screens off the home path load on first visit: the home screen's JS is what start-up waits for (npm run bench, row 5).
// Hash history: the same build works over http://127.0.0.1 and Electron's app:// scheme.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/dich-vu-cong', name: 'catalogue', component: () => import('./views/CatalogueView.vue') },
    { path: '/thu-tuc/:code', name: 'procedure', component: () => import('./views/ProcedureView.vue'), props: true },
    // ?ma=<mã hồ sơ> searches at once: the receipt's QR and the scanner open it.
    // "Lấy số thứ tự": no sign-in, nothing personal.
    { path: '/lay-so', name: 'queue-ticket', component: () => import('./views/QueueTicketView.vue') },
    { path: '/tra-cuu', name: 'lookup', component: () => import('./views/LookupView.vue'), props: (r) => ({ initialCode: typeof r.query.ma === 'string' ? r.query.ma : undefined }) },
    { path: '/nop-ho-so/:code', name: 'wizard', component: () => import('./views/WizardView.vue'), props: true, beforeEnter: wizardGuard },
    { path: '/ket-qua/:localId', name: 'result', component: () => import('./views/ResultView.vue'), props: true },
    // ?next=<route path> brings the citizen back after login (e.g. from "Nộp hồ sơ trực tuyến").
    { path: '/dang-nhap', name: 'login', component: () => import('./views/LoginView.vue') },
    { path: '/can-bo/dang-nhap', name: 'staff-sign-in', component: () => import('./views/StaffSignInView.vue') },
    // Counter officer's screens (the host refuses their calls to anyone but the present officer).
    { path: '/can-bo/ho-so-can-sua', name: 'needs-fix', component: () => import('./views/NeedsFixListView.vue') },
    { path: '/can-bo/ho-so-can-sua/:localId', name: 'needs-fix-edit', component: () => import('./views/NeedsFixEditView.vue'), props: true },
    { path: '/can-bo/ho-so-cho-tiep-nhan', name: 'officer-worklist', component: () => import('./views/OfficerWorklistView.vue') },
    { path: '/can-bo/ho-so/:code', name: 'officer-application', component: () => import('./views/OfficerApplicationView.vue'), props: true },
    // "Số liệu hàng đợi": the centre's day from the portal (counterQueue.figures, officers only).
    { path: '/can-bo/so-lieu-hang-doi', name: 'queue-figures', component: () => import('./views/QueueFiguresView.vue') },
    // "Quản trị kiosk": the host asks the admin role and the shift PIN again.
    { path: '/can-bo/quan-tri', name: 'admin', component: () => import('./views/AdminView.vue') },
    // ?ma=<mã hồ sơ>: the receipt's QR scanned at the counter.
    { path: '/can-bo/tra-ket-qua', name: 'return-result', component: () => import('./views/ReturnResultView.vue'), props: (r) => ({ initialCode: typeof r.query.ma === 'string' ? r.query.ma : undefined }) },
    // The citizen's side: "Bổ sung hồ sơ" and "Đánh giá mức độ hài lòng", opened from Tra cứu hồ sơ.
    { path: '/bo-sung/:code', name: 'supplement', component: () => import('./views/SupplementView.vue'), props: true },
    { path: '/danh-gia/:code', name: 'rating', component: () => import('./views/RatingView.vue'), props: true },
    { path: '/:rest(.*)*', redirect: { name: 'home' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
});
