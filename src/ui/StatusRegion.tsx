import type { ComponentChildren } from 'preact';

export type Tone = 'success' | 'warning' | 'error' | 'info';

interface StatusRegionProps {
  tone?: Tone;
  busy?: boolean;
  /** Counts outcomes, so automation can wait for the next one even when its text repeats. */
  sequence?: number;
  /** Extra classes, such as the popup's dock. */
  class?: string;
  children?: ComponentChildren;
}

/**
 * The one live region a page announces outcomes in (role="status"). It stays in the DOM while
 * empty so screen readers and test automation can find it before anything happens.
 */
export function StatusRegion({ tone, busy, sequence, class: extra, children }: StatusRegionProps) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-busy={busy ? true : undefined}
      data-outcome={sequence}
      class={`status${tone ? ` status--${tone}` : ''}${extra ? ` ${extra}` : ''}`}>
      {children}
    </div>
  );
}
