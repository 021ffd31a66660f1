/** "in 11:42" / "3 minutes ago": how a tester reads a claim's time. */
export function relative(seconds: number, nowSeconds: number): string {
  const diff = seconds - nowSeconds;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return format.format(Math.round(diff), 'second');
  if (abs < 3600) return format.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(diff / 3600), 'hour');
  return format.format(Math.round(diff / 86400), 'day');
}

export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** How long `vendor` still accepts a token that it stops accepting at `expiresAt`, as one line. */
export function acceptanceWindow(vendor: string, expiresAt: number, nowSeconds: number): { valid: boolean; text: string } {
  if (nowSeconds < expiresAt) return { valid: true, text: `Valid for ${vendor} for another ${clock(expiresAt - nowSeconds)}` };
  const ago = nowSeconds - expiresAt;
  return { valid: false, text: `Expired for ${vendor} ${ago < 60 ? `${Math.floor(ago)} seconds` : `${Math.floor(ago / 60)} minute${Math.floor(ago / 60) === 1 ? '' : 's'}`} ago` };
}
