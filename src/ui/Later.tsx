import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code loads when it is first shown, not with the page: for parts that are
 * never in the first paint. Renders nothing until its module has arrived.
 */
export function Later<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [component, setComponent] = useState<ComponentType<P>>();
  useEffect(() => {
    let live = true;
    load().then((loaded) => live && setComponent(() => loaded));
    return () => {
      live = false;
    };
  }, []);
  const Component = component;
  return Component ? <Component {...props} /> : null;
}
