/**
 * One captcha look for the kiosk's wizard captcha and the portal's login
 * captcha, so a citizen meets the same letters in both and an answer is
 * compared the same way. The picture is drawn by svg-captcha on the host and
 * on the portal (it needs Node); this module only says how.
 */

/** No 0/O, 1/I/L: letters a citizen at a kiosk would confuse. */
export const CAPTCHA_CHARSET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface CaptchaDrawing {
  size: number;
  charPreset: string;
  noise: number;
  width: number;
  height: number;
  fontSize: number;
  background: string;
}

/** svg-captcha's options for a picture of the given size. */
export function captchaDrawing(width: number, height: number, fontSize: number): CaptchaDrawing {
  return { size: 5, charPreset: CAPTCHA_CHARSET, noise: 2, width, height, fontSize, background: '#ffffff' };
}

/** What is compared: spaces around ignored, case ignored. */
export function captchaAnswerKey(answer: string): string {
  return answer.trim().toUpperCase();
}
