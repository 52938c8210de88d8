import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../../src-main/api/dispatcher.js';
import { KioskError } from '../../src-shared/errors.js';
import { CALL_NAMES } from '../../src-shared/call-names.js';
import { makeProcedure } from '../support/procedures.js';

const procedure = makeProcedure({ code: '1.001193.000.00.00.H48', name: 'Đăng ký khai sinh' });

function handlers(over: Partial<Handlers> = {}): Handlers {
  const page = { items: [], total: 0, page: 1, pageSize: 20 };
  const unexpected = Object.fromEntries(
    CALL_NAMES.map((n) => [
      n,
      () => {
        throw new Error(`unexpected call ${n}`);
      },
    ]),
  ) as unknown as Handlers;
  return {
    ...unexpected,
    'app.info': () => ({
      name: 'Một cửa kiosk',
      version: '1.0.0',
      kioskId: 'K1',
      mode: 'self-service',
      onScreenKeyboard: 'auto',
      language: 'vi',
      shell: 'browser',
      staffLockSeconds: 300,
      receiptLayout: 'a4',
      catalogue: { procedures: 1, version: 1, syncedAt: null, portalReachable: true },
    }),
    'catalogue.list': () => ({ ...page, fields: [], agencies: [] }),
    'catalogue.search': (input) => ({ ...page, page: input.page }),
    'catalogue.get': (input) => {
      if (input.code !== procedure.code) throw new KioskError('PROCEDURE_NOT_FOUND');
      return procedure;
    },
    'applications.lookup': () => {
      throw new KioskError('APPLICATION_NOT_FOUND');
    },
    ...over,
  };
}

describe('kiosk API dispatcher', () => {
  it('answers a malformed input with a typed INVALID_INPUT error in Vietnamese, and keeps serving', async () => {
    const d = createDispatcher(handlers());
    const bad = await d.dispatch('catalogue.search', { query: 42 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('INVALID_INPUT');
    expect(bad.error.message).toMatch(/Dữ liệu không hợp lệ/);
    expect(bad.error.issues?.[0]?.path).toBe('query');
    // zod's Vietnamese locale words the field message
    expect(bad.error.issues?.[0]?.message).toMatch(/không hợp lệ|Đầu vào/i);

    const good = await d.dispatch('catalogue.search', { query: 'khai sinh' });
    expect(good).toEqual({ ok: true, data: { items: [], total: 0, page: 1, pageSize: 20 } });
  });

  it('refuses unknown fields, empty queries and oversize input', async () => {
    const d = createDispatcher(handlers());
    for (const input of [{ query: 'x', admin: true }, { query: '   ' }, { query: 'x'.repeat(201) }, null, 'text', [1]]) {
      const r = await d.dispatch('catalogue.search', input);
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    }
  });

  it('refuses names outside the contract without calling anything', async () => {
    const d = createDispatcher(handlers());
    for (const name of ['fs.read', '__proto__', 'constructor', 42, undefined]) {
      const r = await d.dispatch(name, {});
      expect(r.ok ? 'ok' : r.error.code).toBe('UNKNOWN_CALL');
    }
  });

  it('passes a handler’s typed error through', async () => {
    const r = await createDispatcher(handlers()).dispatch('catalogue.get', { code: 'nope' });
    expect(r).toEqual({ ok: false, error: { code: 'PROCEDURE_NOT_FOUND', message: expect.stringMatching(/Không tìm thấy thủ tục/) } });
  });

  it('turns a crash into INTERNAL and logs the call name only, never the input', async () => {
    const log = vi.fn();
    const d = createDispatcher(
      handlers({
        'catalogue.search': () => {
          throw new TypeError('boom with 001090123456');
        },
      }),
      log,
    );
    const r = await d.dispatch('catalogue.search', { query: '001090123456' });
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
    expect(log).toHaveBeenCalledOnce();
    expect(String(log.mock.calls[0]?.[0])).toContain('catalogue.search');
    expect(String(log.mock.calls[0]?.[0])).not.toContain('001090123456');
  });

  it('checks outputs against the contract too', async () => {
    const d = createDispatcher(handlers({ 'catalogue.get': () => ({ ...procedure, code: 'not a code' }) }));
    const r = await d.dispatch('catalogue.get', { code: procedure.code });
    expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
  });

  it('applies schema defaults before the handler sees the input', async () => {
    const search = vi.fn((input: { page: number; pageSize: number }) => ({ items: [], total: 0, page: input.page, pageSize: input.pageSize }));
    await createDispatcher(handlers({ 'catalogue.search': search })).dispatch('catalogue.search', { query: '  khai sinh ' });
    expect(search).toHaveBeenCalledWith({ query: 'khai sinh', page: 1, pageSize: 20 });
  });
});
