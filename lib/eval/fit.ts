// Fits an engine's score calibration from labelled detections: Platt scaling.

export interface LabelledScore {
  score: number;
  /** The detection matched a labelled face. */
  positive: boolean;
}

/**
 * Logistic regression of `positive` on `score` (Platt scaling), p = 1 / (1 + exp(-(a * score + b))), by Newton's
 * method on the log-likelihood. Platt's smoothed targets keep it finite when the classes separate perfectly.
 */
export function fitPlatt(samples: LabelledScore[], iterations = 100): { a: number; b: number } {
  const pos = samples.filter((s) => s.positive).length;
  const neg = samples.length - pos;
  if (pos === 0 || neg === 0) throw new Error(`Platt scaling needs both outcomes (${pos} positive, ${neg} negative)`);
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 0;
  let b = Math.log((pos + 1) / (neg + 1));
  for (let k = 0; k < iterations; k++) {
    // Gradient and Hessian of the negative log-likelihood in (a, b).
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (const { score, positive } of samples) {
      const p = 1 / (1 + Math.exp(-(a * score + b)));
      const t = positive ? hi : lo;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += (p - t) * score;
      gb += p - t;
      haa += w * score * score;
      hab += w * score;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-18)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
