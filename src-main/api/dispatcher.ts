import '../../src-shared/zod-locale.js';
import { issuesOf } from '../../src-shared/zod-locale.js';
import { ERROR_MESSAGES, KioskError } from '../../src-shared/errors.js';
import { storageErrorToKioskError } from '../store/storage-errors.js';
import { applicationOf, CALL_POLICY, checkAudience, checkOwnership, CLOSED_GATE, type CallGate } from './authorization.js';
import { isCallName, kioskApi, type CallName, type CallOutput, type CallResult, type ParsedInput } from '../../src-shared/kiosk-api.js';

export type Handlers = {
  [N in CallName]: (input: ParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
};

/** Where the dispatcher reports what went wrong: call names and error classes only, never data. */
export type DispatchLog = (line: string) => void;

export interface Dispatcher {
  dispatch(name: unknown, input: unknown): Promise<CallResult>;
}

/**
 * The host side of the kiosk API, shared by both shells. Validates every
 * input and every output against the contract and turns every failure into
 * a typed error with a Vietnamese message; it never throws. Who may make
 * each call (CALL_POLICY) is checked here, before any handler runs; without
 * a gate only calls open to anyone get through.
 */
export function createDispatcher(handlers: Handlers, log: DispatchLog = () => undefined, gate: CallGate = CLOSED_GATE): Dispatcher {
  async function run<N extends CallName>(name: N, rawInput: unknown): Promise<CallResult> {
    const spec = kioskApi[name];
    const audience = CALL_POLICY[name];
    const caller = gate.caller();
    // Before parsing: a caller who may not make the call learns nothing about its input either.
    checkAudience(audience, caller);
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      return { ok: false, error: new KioskError('INVALID_INPUT', `${ERROR_MESSAGES.INVALID_INPUT.vi} (${detail})`, issues).toBody() };
    }
    if (audience === 'ownApplication') checkOwnership(caller, applicationOf(parsed.data));
    gate.admitted(name);
    const handler = handlers[name] as (input: ParsedInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;
    const output: unknown = await handler(parsed.data as ParsedInput<N>);
    const checked = spec.output.safeParse(output);
    if (!checked.success) {
      log(`kiosk-api ${name}: output failed its schema at ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      return { ok: false, error: new KioskError('INTERNAL').toBody() };
    }
    return { ok: true, data: checked.data };
  }

  return {
    async dispatch(name, input) {
      if (!isCallName(name)) return { ok: false, error: new KioskError('UNKNOWN_CALL').toBody() };
      try {
        return await run(name, input);
      } catch (e) {
        if (e instanceof KioskError) return { ok: false, error: e.toBody() };
        // A full, read-only or unwritable data folder is something staff can fix: say so instead of INTERNAL.
        const storage = storageErrorToKioskError(e);
        log(`kiosk-api ${name}: ${storage ? storage.code : e instanceof Error ? e.name : typeof e}`);
        if (storage) return { ok: false, error: storage.toBody() };
        return { ok: false, error: new KioskError('INTERNAL').toBody() };
      }
    },
  };
}
