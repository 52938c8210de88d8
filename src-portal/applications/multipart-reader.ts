import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { cleanFileName } from '../../src-shared/domain/file-name.js';
import { APPLICATION_PART, DOCUMENT_PART_PREFIX } from '../../src-shared/portal-applications-api.js';
import { PortalHttpError } from '../http/errors.js';
import type { AttachmentStore, ReceivedFile } from './attachment-store.js';

/**
 * Reads POST /applications' multipart body: the JSON `application` part
 * and the `doc:<componentId>` files, streamed to temporary storage while
 * being hashed and sniffed. On any problem the rest of the body is still
 * drained (so the client reads our answer instead of a reset connection),
 * the temporary files are removed, and the first problem is thrown.
 */

export interface UploadLimits {
  maxFileBytes: number;
  maxApplicationBytes: number;
}

export interface UploadedDocument {
  componentId: string;
  originalName: string;
  file: ReceivedFile;
}

export interface ReadSubmission {
  /** The `application` part, parsed as JSON but not yet validated. */
  application: unknown;
  documents: UploadedDocument[];
}

/** Multipart limits enforced by the parser itself (per request). */
export const MULTIPART_MAX_FILES = 40;
export const MULTIPART_MAX_JSON_BYTES = 256 * 1024;

const COMPONENT_ID = /^[a-z0-9-]{1,64}$/;

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1).replace('.', ',');
}

export function fileTooLarge(maxFileBytes: number): PortalHttpError {
  return new PortalHttpError(
    413,
    'FILE_TOO_LARGE',
    `Vui lòng chọn tệp đính kèm có kích thước nhỏ hơn ${megabytes(maxFileBytes)} MB.`,
    { maxFileBytes },
  );
}

function badJson(): PortalHttpError {
  return new PortalHttpError(400, 'INVALID_APPLICATION', 'Phần "application" của hồ sơ không phải JSON hợp lệ.');
}

async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream).catch(() => undefined);
}

async function readJsonFile(stream: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MULTIPART_MAX_JSON_BYTES) {
      await drain(stream);
      throw badJson();
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badJson();
  }
}

function parserProblem(err: unknown): PortalHttpError {
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new PortalHttpError(413, 'TOO_MANY_PARTS', `Hồ sơ có quá nhiều tệp đính kèm (tối đa ${MULTIPART_MAX_FILES} tệp).`);
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new PortalHttpError(415, 'MULTIPART_REQUIRED', 'Hồ sơ phải được gửi dạng multipart/form-data.');
  }
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return badJson();
  return new PortalHttpError(400, 'MALFORMED_MULTIPART', 'Dữ liệu hồ sơ gửi lên bị lỗi hoặc không đầy đủ. Vui lòng gửi lại.');
}

export async function readSubmission(req: FastifyRequest, store: AttachmentStore, limits: UploadLimits): Promise<ReadSubmission> {
  if (!req.isMultipart()) throw new PortalHttpError(415, 'MULTIPART_REQUIRED', 'Hồ sơ phải được gửi dạng multipart/form-data.');
  let application: unknown;
  let haveApplication = false;
  const documents: UploadedDocument[] = [];
  let total = 0;
  // The first problem wins; a holder object because TypeScript does not see assignments made inside `fail`.
  const first: { problem: PortalHttpError | null } = { problem: null };
  const fail = (p: PortalHttpError) => {
    first.problem ??= p;
  };

  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== APPLICATION_PART) {
          fail(new PortalHttpError(400, 'UNEXPECTED_PART', `Phần "${part.fieldname.slice(0, 80)}" không thuộc mẫu hồ sơ.`));
        } else if (haveApplication) {
          fail(new PortalHttpError(400, 'INVALID_APPLICATION', 'Hồ sơ chỉ được có một phần "application".'));
        } else if (part.valueTruncated) {
          fail(badJson());
        } else {
          haveApplication = true;
          // @fastify/multipart already parses a field sent as application/json.
          if (typeof part.value === 'string') {
            try {
              application = JSON.parse(part.value) as unknown;
            } catch {
              fail(badJson());
            }
          } else {
            application = part.value;
          }
        }
        continue;
      }

      // A FormData Blob part arrives as a file even when it is the JSON.
      if (part.fieldname === APPLICATION_PART && !haveApplication && !first.problem) {
        haveApplication = true;
        try {
          application = await readJsonFile(part.file);
        } catch (e) {
          fail(e instanceof PortalHttpError ? e : badJson());
        }
        continue;
      }
      const componentId = part.fieldname.startsWith(DOCUMENT_PART_PREFIX) ? part.fieldname.slice(DOCUMENT_PART_PREFIX.length) : null;
      if (componentId === null || !COMPONENT_ID.test(componentId)) {
        fail(
          new PortalHttpError(400, 'UNEXPECTED_PART', `Tệp "${part.fieldname.slice(0, 80)}" phải được gửi với tên phần "doc:<mã thành phần hồ sơ>".`),
        );
      }
      if (first.problem) {
        await drain(part.file);
        continue;
      }
      const file = await store.receive(part.file, limits.maxFileBytes);
      const doc: UploadedDocument = { componentId: componentId ?? '', originalName: cleanFileName(part.filename), file };
      documents.push(doc);
      total += file.size;
      if (file.tooLarge || part.file.truncated) {
        fail(fileTooLarge(limits.maxFileBytes));
      } else if (total > limits.maxApplicationBytes) {
        fail(
          new PortalHttpError(
            413,
            'APPLICATION_TOO_LARGE',
            `Tổng dung lượng các tệp đính kèm của hồ sơ phải nhỏ hơn ${megabytes(limits.maxApplicationBytes)} MB.`,
            { maxApplicationBytes: limits.maxApplicationBytes },
          ),
        );
      } else if (file.size === 0) {
        fail(new PortalHttpError(400, 'EMPTY_FILE', `Tệp "${doc.originalName}" không có nội dung.`, { componentId: doc.componentId }));
      } else if (file.mime === null) {
        fail(
          new PortalHttpError(
            415,
            'UNSUPPORTED_FILE_TYPE',
            `Tệp "${doc.originalName}" không phải PDF, JPEG hoặc PNG. Vui lòng chọn tệp đính kèm đúng định dạng.`,
            { componentId: doc.componentId, originalName: doc.originalName },
          ),
        );
      }
    }
  } catch (e) {
    fail(e instanceof PortalHttpError ? e : parserProblem(e));
  }

  if (!first.problem && !haveApplication) {
    fail(new PortalHttpError(400, 'INVALID_APPLICATION', 'Thiếu phần "application" (thông tin hồ sơ dạng JSON).'));
  }
  if (first.problem) {
    await store.discard(documents.map((d) => d.file));
    throw first.problem;
  }
  return { application, documents };
}
