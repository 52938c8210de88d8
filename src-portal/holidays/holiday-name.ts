/**
 * What a holiday's name and kind may contain. Names reach every kiosk's
 * appointment screen and receipt, so markup, control and direction-override
 * characters are refused here rather than trusted to every renderer: a name
 * is letters (Vietnamese included, precomposed or combining), digits,
 * spaces and plain punctuation.
 */
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .,;:()/'’"“”&–-]+$/u;
const KIND_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const HOLIDAY_NAME_RULE = 'chỉ được gồm chữ cái, chữ số, khoảng trắng và các dấu . , ; : - – ( ) / \' " &';

export function holidayNameAllowed(name: string): boolean {
  return NAME_PATTERN.test(name.normalize('NFC'));
}

/** A kind is a short code such as `nghi_le` or `nghi_bu`. */
export function holidayKindAllowed(kind: string): boolean {
  return KIND_PATTERN.test(kind);
}
