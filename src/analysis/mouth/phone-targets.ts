/**
 * What the mouth does for each ARPAbet phone: jaw opening, lip rounding and spreading, a lip
 * closure (M/B/P) or the lower lip under the teeth (F/V). Used when lyrics give the phones, in
 * place of the guesses from the spectrum. Openings follow measured jaw positions in English
 * (open A > Æ ≈ O > Λ > E > I, U; Lindblom & Sundberg 1971; alveolars and velars keep the jaw
 * fairly high, /h/ takes the next vowel's).
 */

export interface PhoneTarget {
  readonly open: number;
  readonly round: number;
  readonly spread: number;
  /** 1: the lips must meet. */
  readonly closed: number;
  /** 1: lower lip to the upper teeth (the F viseme). */
  readonly fricative: number;
}

const t = (open: number, round = 0, spread = 0, closed = 0, fricative = 0): PhoneTarget => ({ open, round, spread, closed, fricative });

export const PHONE_TARGETS: Readonly<Record<string, PhoneTarget>> = {
  AA: t(1), AE: t(0.85, 0, 0.4), AH: t(0.7), AO: t(0.85, 0.6), AW: t(0.9, 0.3), AY: t(0.85, 0, 0.2),
  EH: t(0.6, 0, 0.5), ER: t(0.4, 0.4), EY: t(0.5, 0, 0.7), IH: t(0.35, 0, 0.7), IY: t(0.25, 0, 1),
  OW: t(0.6, 0.8), OY: t(0.7, 0.6), UH: t(0.4, 0.6), UW: t(0.3, 1),
  P: t(0, 0, 0, 1), B: t(0, 0, 0, 1), M: t(0, 0, 0, 1),
  F: t(0.12, 0, 0, 0, 1), V: t(0.12, 0, 0, 0, 1),
  TH: t(0.2), DH: t(0.2), S: t(0.12, 0, 0.6), Z: t(0.12, 0, 0.6),
  SH: t(0.2, 0.4), ZH: t(0.2, 0.4), CH: t(0.2, 0.4), JH: t(0.2, 0.4),
  T: t(0.25), D: t(0.25), N: t(0.25), L: t(0.3), K: t(0.35), G: t(0.35), NG: t(0.35),
  R: t(0.3, 0.4), W: t(0.2, 1), Y: t(0.25, 0, 0.6), HH: t(0.5),
};

/** Unknown phones: a slightly open, neutral mouth. */
export const NEUTRAL_TARGET: PhoneTarget = t(0.3);

/** The phone sounding at time t [s] of sorted, non-overlapping spans, by binary search. */
export function phoneAt<S extends { readonly start: number; readonly end: number }>(spans: readonly S[], t: number): S | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= t) lo = mid + 1;
    else if (spans[mid].start > t) hi = mid - 1;
    else return spans[mid];
  }
  return undefined;
}
