import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ticket } from '../../src-shared/portal-queue-api.js';
import type { PortalContext } from '../context.js';
import { PortalHttpError } from '../http/errors.js';
import { hasAllClips, voiceWordIds } from './announcement.js';
import { requireCentre } from './centres.js';
import { describeCentre, ticketStatus } from './queue-service.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STATUS_WORDS: Record<Ticket['status'], string> = {
  waiting: 'Đang chờ',
  called: 'Đang được gọi',
  done: 'Đã phục vụ xong',
  cancelled: 'Đã hủy (vắng mặt quá 3 lần)',
  expired: 'Đã hết hạn (quá giờ làm việc)',
};

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${head}
<style>
body{font-family:"Noto Sans",system-ui,sans-serif;margin:0;background:#0b3d6e;color:#fff}
main{max-width:60rem;margin:0 auto;padding:2rem}
h1{font-size:2rem;margin:0 0 1rem}
.now{font-size:7rem;font-weight:700;line-height:1.1}
.counter{font-size:3rem}
ol{list-style:none;padding:0;font-size:2rem}
li{padding:.5rem 0;border-top:1px solid #ffffff44}
#sound{font-size:1.5rem;padding:.75rem 1.5rem;border-radius:.5rem;border:0}
.card{background:#fff;color:#111;border-radius:1rem;padding:1.5rem}
.card .num{font-size:4rem;font-weight:700}
</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The hall's display board and the page a ticket's QR opens. The board polls
 * the calls endpoint every second (no socket to keep alive across a TV's
 * sleep), rings a chime and reads "Mời số B-015 đến quầy số 3" aloud with a
 * Vietnamese voice when the browser has one; without one it plays the
 * build's espeak-ng clips word by word (announcement.ts), and never reads
 * Vietnamese in a foreign voice.
 */
const BOARD_SCRIPT = `
const agency = document.body.dataset.agency;
let after = 0;
let firstPoll = true;
const nowEl = document.getElementById('now');
const counterEl = document.getElementById('counter');
const list = document.getElementById('calls');
function chime() {
  try {
    const ac = new AudioContext();
    [880, 660].forEach((f, i) => {
      const o = ac.createOscillator(); const g = ac.createGain();
      o.frequency.value = f; o.connect(g); g.connect(ac.destination);
      g.gain.setValueAtTime(0.2, ac.currentTime + i * 0.35);
      g.gain.exponentialRampToValueAtTime(0.001, ac.currentTime + i * 0.35 + 0.3);
      o.start(ac.currentTime + i * 0.35); o.stop(ac.currentTime + i * 0.35 + 0.3);
    });
  } catch (e) { /* no audio device: the board still shows the call */ }
}
function spoken(label) {
  const [letter, digits] = label.split('-');
  return letter + ' ' + String(Number(digits));
}
function say(call) {
  if (!('speechSynthesis' in window)) return false;
  const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith('vi'));
  if (!voice) return false;
  const u = new SpeechSynthesisUtterance('Mời số ' + spoken(call.label) + ' đến quầy số ' + call.counter);
  u.lang = voice.lang;
  try { u.voice = voice; } catch (e) { /* the language alone picks the voice */ }
  speechSynthesis.speak(u);
  return true;
}
// Without a Vietnamese voice: the words as pre-rendered clips, one after another,
// and one call after another (two calls in the same second must not talk at once).
const clipsOn = document.body.dataset.clips === 'yes';
let speaking = Promise.resolve();
function playClip(id) {
  return new Promise((resolve) => {
    const a = new Audio('/hang-doi/am-thanh/' + id + '.wav');
    a.addEventListener('ended', resolve, { once: true });
    a.addEventListener('error', resolve, { once: true });
    a.play().catch((e) => {
      // A browser started without --autoplay-policy=no-user-gesture-required: one touch turns sound on.
      if (e && e.name === 'NotAllowedError') document.getElementById('sound').hidden = false;
      resolve();
    });
  });
}
function playClips(call) {
  if (!clipsOn || !Array.isArray(call.announcement) || call.announcement.length === 0) return false;
  // After the chime (two notes, 0.65 s).
  speaking = speaking.then(() => new Promise((r) => setTimeout(r, 700))).then(async () => {
    for (const id of call.announcement) await playClip(id);
  });
  return true;
}
document.getElementById('sound').addEventListener('click', (e) => { e.currentTarget.hidden = true; });
function show(call, aloud) {
  nowEl.textContent = call.label;
  counterEl.textContent = 'Mời đến quầy số ' + call.counter + (call.recall ? ' (gọi lại)' : '');
  const li = document.createElement('li');
  li.textContent = call.label + ' → quầy số ' + call.counter + (call.recall ? ' (gọi lại)' : '');
  li.dataset.seq = String(call.seq);
  list.prepend(li);
  while (list.children.length > 8) list.lastElementChild.remove();
  if (!aloud) return;
  chime();
  let voice = 'none';
  try { voice = say(call) ? 'vi' : 'none'; } catch (e) { /* a speech engine that throws: try the clips */ }
  if (voice === 'none' && playClips(call)) voice = 'clips';
  document.body.dataset.voice = voice;
}
async function poll() {
  try {
    const r = await fetch('/api/v1/queue/centres/' + encodeURIComponent(agency) + '/calls?after=' + after);
    if (r.ok) {
      const { calls } = await r.json();
      // The position moves first: a call that fails to show is not shown again and again.
      // The day's earlier calls are shown without a sound: a board switched on at noon must
      // not read out the whole morning.
      for (const c of calls) { after = c.seq; show(c, !firstPoll); }
      firstPoll = false;
      document.getElementById('offline').hidden = true;
    } else document.getElementById('offline').hidden = false;
  } catch (e) { document.getElementById('offline').hidden = false; }
  setTimeout(poll, 1000);
}
poll();
`;

export function registerQueuePages(app: FastifyInstance, ctx: PortalContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/hang-doi/bang/:agency', { schema: { hide: true, params: z.object({ agency: z.string().min(1).max(40) }) } }, async (req, reply) => {
    const centre = await describeCentre({ ctx, statusUrl: () => '' }, requireCentre(ctx.config.resourcesDir, req.params.agency));
    const clips = hasAllClips(ctx.config.voiceDir, ctx.config.resourcesDir);
    const body = `<h1>${escapeHtml(centre.name)} — Bộ phận một cửa</h1>
<p id="offline" hidden>Mất kết nối với Cổng dịch vụ công, đang thử lại…</p>
<button id="sound" type="button" hidden>Bật âm thanh đọc số</button>
<section aria-live="assertive" aria-label="Số đang gọi"><div class="now" id="now">—</div><div class="counter" id="counter"></div></section>
<h2>Các số vừa gọi</h2><ol id="calls" aria-label="Các số vừa gọi"></ol>
<script>${BOARD_SCRIPT}</script>`;
    return reply.type('text/html; charset=utf-8').send(page('Bảng gọi số', body).replace('<body>', `<body data-agency="${escapeHtml(centre.agencyCode)}" data-clips="${clips ? 'yes' : 'no'}">`));
  });

  r.get('/hang-doi/am-thanh/:clip', { schema: { hide: true, params: z.object({ clip: z.string().regex(/^[a-z-]{1,40}\.wav$/) }) } }, async (req, reply) => {
    const id = req.params.clip.slice(0, -'.wav'.length);
    const dir = ctx.config.voiceDir;
    if (!dir || !voiceWordIds(ctx.config.resourcesDir).has(id)) throw new PortalHttpError(404, 'NOT_FOUND', 'Không có tệp âm thanh này.');
    const file = path.join(dir, `${id}.wav`);
    if (!fs.existsSync(file)) throw new PortalHttpError(404, 'NOT_FOUND', 'Không có tệp âm thanh này.');
    return reply.type('audio/wav').header('cache-control', 'public, max-age=86400').send(fs.createReadStream(file));
  });

  r.get('/hang-doi/so/:id', { schema: { hide: true, params: z.object({ id: z.string().max(60) }) } }, async (req, reply) => {
    let ticket: Ticket;
    try {
      ticket = await ticketStatus({ ctx, statusUrl: (id) => id }, (a) => requireCentre(ctx.config.resourcesDir, a), z.uuid().parse(req.params.id));
    } catch (e) {
      const message = e instanceof PortalHttpError ? e.message : 'Không tìm thấy số thứ tự này.';
      return reply.code(404).type('text/html; charset=utf-8').send(page('Số thứ tự', `<div class="card"><p>${escapeHtml(message)}</p></div>`));
    }
    const lines = [
      `<div class="num">${escapeHtml(ticket.label)}</div>`,
      `<p>${escapeHtml(ticket.areaName)}</p>`,
      `<p><strong>${escapeHtml(STATUS_WORDS[ticket.status])}</strong>${ticket.status === 'called' && ticket.counter ? ` — mời đến quầy số ${ticket.counter}` : ''}</p>`,
      ticket.status === 'waiting' ? `<p>Số người trước bạn: ${ticket.ahead}</p>` : '',
      ticket.status === 'waiting' && ticket.estimatedWaitMinutes !== null ? `<p>Thời gian chờ dự kiến: khoảng ${ticket.estimatedWaitMinutes} phút</p>` : '',
    ];
    return reply
      .type('text/html; charset=utf-8')
      .send(page(`Số thứ tự ${ticket.label}`, `<div class="card">${lines.join('')}<p>Trang tự cập nhật mỗi 15 giây.</p></div>`, '<meta http-equiv="refresh" content="15">'));
  });
}
