/** Synthetic test signals with exact truth, made in code (no fixtures on disk). */

/** Deterministic white noise in [-1, 1] (a 31-bit LCG; tests must not use Math.random). */
export function noise(seed = 1): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state / 4294967296) * 2 - 1;
  };
}

/** Decaying noise + 1 kHz bursts at every beat from `first` seconds on; returns the beat times too. */
export function clickTrack(bpm: number, seconds: number, sampleRate: number, first = 0.25): { signal: Float32Array; beats: number[] } {
  const signal = new Float32Array(Math.round(seconds * sampleRate));
  const rnd = noise(7);
  const beats: number[] = [];
  for (let k = 0; ; k++) {
    const t = first + (k * 60) / bpm;
    if (t > seconds - 0.1) break;
    beats.push(t);
    const s0 = Math.round(t * sampleRate);
    for (let i = 0; i < 0.05 * sampleRate && s0 + i < signal.length; i++) {
      const env = Math.exp(-i / (0.01 * sampleRate));
      signal[s0 + i] += 0.5 * env * (0.5 * rnd() + Math.sin((2 * Math.PI * 1000 * i) / sampleRate));
    }
  }
  return { signal, beats };
}

/** A kick (pitch-dropping sine) on every beat and a noise snare on beats 2 and 4. */
export function drumLoop(bpm: number, seconds: number, sampleRate: number, gain = 0.6): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const rnd = noise(11);
  const period = 60 / bpm;
  for (let k = 0; k * period < seconds; k++) {
    const s0 = Math.round(k * period * sampleRate);
    let phase = 0;
    for (let i = 0; i < 0.2 * sampleRate && s0 + i < out.length; i++) {
      const t = i / sampleRate;
      phase += (2 * Math.PI * (45 + 105 * Math.exp(-t / 0.03))) / sampleRate;
      out[s0 + i] += gain * Math.exp(-t / 0.06) * Math.sin(phase);
      if (k % 2 === 1) out[s0 + i] += 0.5 * gain * Math.exp(-t / 0.04) * rnd();
    }
  }
  return out;
}

/** A sung-like tone: F0 with 5.5 Hz vibrato and harmonics falling 6 dB/octave, between start and end [s]. */
export function voicedTone(f0: number, start: number, end: number, seconds: number, sampleRate: number, gain = 0.3): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let phase = 0;
  const a = Math.round(start * sampleRate);
  const b = Math.min(out.length, Math.round(end * sampleRate));
  for (let i = a; i < b; i++) {
    const t = (i - a) / sampleRate;
    const f = f0 * (1 + 0.02 * Math.sin(2 * Math.PI * 5.5 * t));
    phase += (2 * Math.PI * f) / sampleRate;
    const ramp = Math.min(1, t / 0.02, (end - start - t) / 0.02);
    let v = 0;
    for (let h = 1; h <= 12 && h * f < sampleRate / 2; h++) v += Math.sin(h * phase) / h;
    out[i] = gain * ramp * v;
  }
  return out;
}

export function mix(...signals: Float32Array[]): Float32Array {
  const out = new Float32Array(Math.max(...signals.map((s) => s.length)));
  for (const s of signals) for (let i = 0; i < s.length; i++) out[i] += s[i];
  return out;
}
