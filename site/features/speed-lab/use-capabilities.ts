/**
 * What this browser offers the benchmark page, asked of the probe worker once when the island
 * appears (it loads no tfjs). `caps` is null while the probe runs or if it could not start.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Capabilities } from './capabilities.ts';

export type Probe =
  { kind: 'checking' } | { kind: 'done'; caps: Capabilities } | { kind: 'failed' };

export function useCapabilities(): Probe {
  const [probe, setProbe] = useState<Probe>({ kind: 'checking' });
  useEffect(() => {
    const w = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Capabilities>) => {
      setProbe({ kind: 'done', caps: e.data });
      w.terminate();
    };
    w.onerror = () => {
      setProbe({ kind: 'failed' });
      w.terminate();
    };
    return () => w.terminate();
  }, []);
  return probe;
}
