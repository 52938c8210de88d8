import { detailVi, type DetailKey, type MessageParams } from '../src-shared/detail-messages.js';

/**
 * A host failure with a stable code and the detail the UI words it with
 * (src-shared/host-detail-messages.ts); `message` is the Vietnamese
 * sentence, free of personal data, for the log.
 */
export class WordedError<C extends string> extends Error {
  readonly code: C;
  readonly key: DetailKey;
  readonly params: MessageParams;

  constructor(code: C, key: DetailKey, params: MessageParams = {}) {
    super(detailVi(key, params));
    this.code = code;
    this.key = key;
    this.params = params;
  }
}
