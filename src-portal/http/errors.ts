import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/**
 * Every portal error is `{ error: { code, message } }` with a stable code and
 * a Vietnamese message (src-shared/portal-api.ts PortalErrorSchema). Nothing
 * reaches the client as a bare 500 stack.
 */
export class PortalHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'PortalHttpError';
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' } });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof PortalHttpError) {
      if (err.headers) void reply.headers(err.headers);
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
        message: v.message ?? 'không hợp lệ',
      }));
      return reply.code(400).send({
        error: {
          code: 'INVALID_INPUT',
          message: `Dữ liệu gửi lên không hợp lệ: ${issues.map((i) => `${i.path} — ${i.message}`).join('; ')}`,
          details: issues,
        },
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ route: req.routeOptions.url }, 'response failed its schema');
      return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Cổng dịch vụ công gặp sự cố. Vui lòng thử lại sau.' } });
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 413) {
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' } });
    }
    if (status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type…): its text is English; keep the code, say it in Vietnamese.
      return reply.code(status).send({ error: { code: err.code ?? 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' } });
    }
    // Log the error class and route, never the request body (it may hold personal data).
    req.log.error({ route: req.routeOptions.url, err: { name: err.name, code: err.code } }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'Cổng dịch vụ công gặp sự cố. Vui lòng thử lại sau.' } });
  });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or
 * URL over the limit, a malformed request line, a client too slow) get the
 * same `{ error }` body in Vietnamese instead of Fastify's English one.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'Địa chỉ hoặc phần đầu của yêu cầu quá dài.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'Yêu cầu gửi quá chậm nên đã bị hủy. Vui lòng thử lại.']
        : [400, 'Bad Request', 'BAD_REQUEST', 'Yêu cầu không hợp lệ.'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** The router's own refusals (a malformed URL, a path parameter over the length limit), typed and in Vietnamese. */
export function frameworkErrorHandler(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ error: { code: 'URI_TOO_LONG', message: 'Địa chỉ yêu cầu quá dài.' } });
    return;
  }
  void reply.code(400).send({ error: { code: 'BAD_URL', message: 'Địa chỉ yêu cầu không hợp lệ.' } });
}
