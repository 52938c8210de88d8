import { ERROR_MESSAGES, type ErrorCode, type KioskErrorBody } from '../../src-shared/errors.js';

/**
 * What the browser shell answers when a request fails before it reaches
 * the dispatcher (Fastify's own refusals: bad JSON, wrong content type, a
 * body over the limit, a URL too long). The UI gets the same envelope and
 * a Vietnamese message as for any other kiosk error, never Fastify's
 * English text.
 */
export interface TransportAnswer {
  status: number;
  body: { ok: false; error: KioskErrorBody };
}

const BAD_JSON = 'Dữ liệu gửi tới kiosk không đúng định dạng JSON. Vui lòng thử lại.';

function answer(status: number, code: ErrorCode, message: string = ERROR_MESSAGES[code].vi): TransportAnswer {
  return { status, body: { ok: false, error: { code, message } } };
}

const BAD_URL = 'Địa chỉ yêu cầu không hợp lệ.';

export function transportError(err: unknown): TransportAnswer {
  const { statusCode, code } = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown; code?: unknown }) : {};
  const status = typeof statusCode === 'number' ? statusCode : 500;
  if (code === 'FST_ERR_BAD_URL') return answer(400, 'INVALID_INPUT', BAD_URL);
  if (status === 413) return answer(413, 'REQUEST_TOO_LARGE');
  if (status === 415) return answer(415, 'INVALID_INPUT', 'Lời gọi kiosk phải gửi dữ liệu dạng JSON (application/json).');
  if (status === 414) return answer(414, 'INVALID_INPUT', 'Địa chỉ yêu cầu quá dài.');
  // Fastify's 400s are all about the body: not JSON, empty, or carrying __proto__/constructor keys.
  if (status === 400) return answer(400, 'INVALID_INPUT', BAD_JSON);
  if (status >= 400 && status < 500) return answer(status, 'INVALID_INPUT');
  return answer(500, 'INTERNAL');
}

export function guardRefusal(status: 401 | 403, code: 'UNAUTHORIZED' | 'FORBIDDEN'): TransportAnswer {
  return answer(status, code);
}

/**
 * The raw HTTP answer to a request Node's parser refused before Fastify saw
 * it (headers or URL over the limit, a malformed request line, a client too
 * slow to send its request): the same envelope, written to the socket.
 */
export function clientErrorResponse(err: { code?: string }): string {
  const mapped =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? answer(431, 'REQUEST_TOO_LARGE')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? answer(408, 'INVALID_INPUT', 'Yêu cầu gửi tới kiosk quá chậm nên đã bị hủy. Vui lòng thử lại.')
        : answer(400, 'INVALID_INPUT', BAD_URL);
  const body = JSON.stringify(mapped.body);
  return [
    `HTTP/1.1 ${mapped.status} ${mapped.status === 431 ? 'Request Header Fields Too Large' : mapped.status === 408 ? 'Request Timeout' : 'Bad Request'}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Content-Type: application/json; charset=utf-8',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
