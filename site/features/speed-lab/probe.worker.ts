/**
 * Answers once with what this browser offers the benchmark page (capabilities.ts), checked in
 * a worker scope like the benchmark's own; it loads no tfjs, so the page can ask on arrival.
 */
import { hasRelaxedSimd, hasSimd } from '../../../runtime/fast/wasm/kernels.ts';
import { probeCapabilities, type ProbeScope } from './capabilities.ts';

void probeCapabilities(self as unknown as ProbeScope, { hasSimd, hasRelaxedSimd }).then((caps) =>
  self.postMessage(caps),
);
