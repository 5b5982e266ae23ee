/** Whether text[i] is white space as JavaScript's \s has it, with an ASCII fast path: this runs per character. */
export function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return isNonAsciiSpace(c);
}

/**
 * A test of one UTF-16 code unit, remembered per unit (64 KB): Unicode property patterns cost a
 * string and a match per call, and the tokenizer and claim finder ask per character or per token.
 * The test must depend on the unit alone.
 */
export function rememberedUnitTest(test: (unit: string) => boolean): (code: number) => boolean {
  // 0: not asked yet, 1: false, 2: true.
  const known = new Uint8Array(0x10000);
  return (code) => {
    let answer = known[code];
    if (answer === 0) known[code] = answer = test(String.fromCharCode(code)) ? 2 : 1;
    return answer === 2;
  };
}

const isNonAsciiSpace = rememberedUnitTest((unit) => /\s/.test(unit));
