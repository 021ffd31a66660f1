/** What the benchmark scripts share: medians and spreads, and waiting for a state. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];
export const spread = (xs) => `${pct(xs, 0.1).toFixed(1)}–${pct(xs, 0.9).toFixed(1)}`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 5 ms until it holds, or throws after `timeoutMs`. */
export async function until(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(5);
  }
  throw new Error(`Timed out waiting for ${what}`);
}
