/**
 * How a number is read aloud in Vietnamese, as the words of a hall
 * announcement ("Mời số B mười lăm đến quầy số ba"). Each word is the id of a
 * pre-rendered clip (resources/queue/voice-words.json), so a board without a
 * Vietnamese speech voice can still say the number by playing clips in turn.
 *
 * The reading rules: 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư",
 * 105 "một trăm linh năm", 1005 "một nghìn không trăm linh năm".
 */
export type NumberWord = (typeof DIGITS)[number] | 'muoi' | 'muoi-hang-chuc' | 'mot-sau-muoi' | 'lam' | 'tu' | 'tram' | 'linh' | 'nghin';

const DIGITS = ['khong', 'mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin'] as const;

function digit(d: number): NumberWord {
  const word = DIGITS[d];
  if (word === undefined) throw new RangeError(`Không phải chữ số: ${d}`);
  return word;
}

function belowHundred(n: number): NumberWord[] {
  if (n < 10) return [digit(n)];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  // "mười" for the tens digit 1, "mươi" after any other tens digit.
  const head: NumberWord[] = tens === 1 ? ['muoi'] : [digit(tens), 'muoi-hang-chuc'];
  if (units === 0) return head;
  if (units === 5) return [...head, 'lam'];
  if (units === 1 && tens > 1) return [...head, 'mot-sau-muoi'];
  if (units === 4 && tens > 1) return [...head, 'tu'];
  return [...head, digit(units)];
}

function belowThousand(n: number, spellHundreds: boolean): NumberWord[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !spellHundreds) return belowHundred(rest);
  const head: NumberWord[] = [digit(hundreds), 'tram'];
  if (rest === 0) return head;
  return rest < 10 ? [...head, 'linh', digit(rest)] : [...head, ...belowHundred(rest)];
}

/** The words of 0 ≤ n ≤ 9999 (ticket numbers are at most four digits). */
export function vietnameseNumberWords(n: number): NumberWord[] {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`Số ngoài phạm vi đọc: ${n}`);
  if (n < 1000) return belowThousand(n, false);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head: NumberWord[] = [digit(thousands), 'nghin'];
  return rest === 0 ? head : [...head, ...belowThousand(rest, true)];
}
