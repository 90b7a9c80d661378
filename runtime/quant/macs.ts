/**
 * Multiply-accumulates of each layer of an int8 model, by the kind of loop the exported C runs
 * it with (runtime/export-c: conv_dense, conv_pointwise, conv_depthwise, the classifier): the
 * work side of the capstone lesson's cycle model.
 */
import type { QModel } from './quantize.ts';

export type LoopKind = 'dense' | 'pointwise' | 'depthwise' | 'linear';

export interface LayerMacs {
  name: string;
  kind: LoopKind;
  macs: number;
}

/** One entry per convolution and linear layer, in execution order (copies and pools do no MACs). */
export function layerMacs(model: QModel): LayerMacs[] {
  const out: LayerMacs[] = [];
  for (const layer of model.layers) {
    if (layer.kind === 'linear') {
      out.push({ name: layer.name, kind: 'linear', macs: layer.inF * layer.outF });
    } else if (layer.kind === 'conv') {
      const dst = model.buffers[layer.output]!;
      const perOutput = layer.depthwise
        ? layer.k * layer.k
        : layer.k * layer.k * layer.inView.count;
      const kind: LoopKind = layer.depthwise
        ? 'depthwise'
        : layer.k === 1 && layer.stride === 1 && layer.pad === 0
          ? 'pointwise'
          : 'dense';
      out.push({ name: layer.name, kind, macs: dst.h * dst.w * layer.outView.count * perOutput });
    }
  }
  return out;
}

/** Total MACs per loop kind. */
export function macsByKind(layers: readonly LayerMacs[]): Record<LoopKind, number> {
  const totals: Record<LoopKind, number> = { dense: 0, pointwise: 0, depthwise: 0, linear: 0 };
  for (const l of layers) totals[l.kind] += l.macs;
  return totals;
}
