import { createRouter, createWebHashHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import CatalogueView from './views/CatalogueView.vue';
import ProcedureView from './views/ProcedureView.vue';
import LookupView from './views/LookupView.vue';
import WizardView from './views/WizardView.vue';
import ResultView from './views/ResultView.vue';
import { wizardGuard } from './stores/wizard.js';
import LoginView from './views/LoginView.vue';
import StaffSignInView from './views/StaffSignInView.vue';
import NeedsFixListView from './views/NeedsFixListView.vue';
import NeedsFixEditView from './views/NeedsFixEditView.vue';
import OfficerWorklistView from './views/OfficerWorklistView.vue';
import OfficerApplicationView from './views/OfficerApplicationView.vue';
import ReturnResultView from './views/ReturnResultView.vue';
import SupplementView from './views/SupplementView.vue';
import RatingView from './views/RatingView.vue';
import AdminView from './views/AdminView.vue';

// Hash history: the same build works over http://127.0.0.1 and Electron's app:// scheme.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView },
    { path: '/dich-vu-cong', name: 'catalogue', component: CatalogueView },
    { path: '/thu-tuc/:code', name: 'procedure', component: ProcedureView, props: true },
    // ?ma=<mã hồ sơ> searches at once: the receipt's QR and the scanner open it.
    { path: '/tra-cuu', name: 'lookup', component: LookupView, props: (r) => ({ initialCode: typeof r.query.ma === 'string' ? r.query.ma : undefined }) },
    { path: '/nop-ho-so/:code', name: 'wizard', component: WizardView, props: true, beforeEnter: wizardGuard },
    { path: '/ket-qua/:localId', name: 'result', component: ResultView, props: true },
    // ?next=<route path> brings the citizen back after login (e.g. from "Nộp hồ sơ trực tuyến").
    { path: '/dang-nhap', name: 'login', component: LoginView },
    { path: '/can-bo/dang-nhap', name: 'staff-sign-in', component: StaffSignInView },
    // Counter officer's screens (the host refuses their calls to anyone but the present officer).
    { path: '/can-bo/ho-so-can-sua', name: 'needs-fix', component: NeedsFixListView },
    { path: '/can-bo/ho-so-can-sua/:localId', name: 'needs-fix-edit', component: NeedsFixEditView, props: true },
    { path: '/can-bo/ho-so-cho-tiep-nhan', name: 'officer-worklist', component: OfficerWorklistView },
    { path: '/can-bo/ho-so/:code', name: 'officer-application', component: OfficerApplicationView, props: true },
    // "Quản trị kiosk": the host asks the admin role and the shift PIN again.
    { path: '/can-bo/quan-tri', name: 'admin', component: AdminView },
    // ?ma=<mã hồ sơ>: the receipt's QR scanned at the counter.
    { path: '/can-bo/tra-ket-qua', name: 'return-result', component: ReturnResultView, props: (r) => ({ initialCode: typeof r.query.ma === 'string' ? r.query.ma : undefined }) },
    // The citizen's side: "Bổ sung hồ sơ" and "Đánh giá mức độ hài lòng", opened from Tra cứu hồ sơ.
    { path: '/bo-sung/:code', name: 'supplement', component: SupplementView, props: true },
    { path: '/danh-gia/:code', name: 'rating', component: RatingView, props: true },
    { path: '/:rest(.*)*', redirect: { name: 'home' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
});
