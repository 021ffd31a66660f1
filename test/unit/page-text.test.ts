import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIDDEN_MARK, markHidden } from '../../src/model/page-text';
import { HIDDEN_ATTACK, HIDDEN_CHARACTERS, hiddenIn } from '../hidden-text';

describe('markHidden: page text as a report shows it', () => {
  it('marks every bidirectional control and zero-width character with U+FFFD, one mark each', () => {
    for (const c of HIDDEN_CHARACTERS) expect(markHidden(`a${c}b`), `U+${(c.codePointAt(0) ?? 0).toString(16)}`).toBe(`a${HIDDEN_MARK}b`);
    expect(markHidden(HIDDEN_ATTACK)).toBe('SDK said: �dias ton� �ok� pa�id�� �end�');
  });

  it('marks control characters but line break and tab, lone surrogates and what XML forbids; CR LF is a line break', () => {
    expect(markHidden('a\u0000b\u001b[2Jc\u007fd\u0085e\u009bf')).toBe('a�b�[2Jc�d�e�f');
    expect(markHidden('x\uD800y\uDFFFz\uFFFE\uFFFF')).toBe('x�y�z��');
    expect(markHidden('one\r\ntwo\rthree\nfour\tfive')).toBe('one\ntwo\nthree\nfour\tfive');
  });

  it('leaves other text as it is: letters of any script, emoji, markup, spaces', () => {
    const text = 'Grüße, שלום, مرحبا, 你好 😀 <b>&amp;</b> ]]> `code` \u00A0 \u3000';
    expect(markHidden(text)).toBe(text);
  });

  it('leaves nothing hidden, changes nothing twice, and keeps the length in code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = markHidden(text);
        expect(hiddenIn(once)).toEqual([]);
        expect(markHidden(once)).toBe(once);
        expect([...once].length).toBe([...text.replace(/\r\n/g, '\n')].length);
      }),
      { numRuns: 300 },
    );
    // 300 random strings take about a second here: a slow CI machine gets room.
  }, 30_000);
});
