/**
 * Test helpers: state_dicts with the parameter names and shapes of torchvision and megvii
 * ShuffleNets, filled with deterministic pseudo-random values. The names and shapes are
 * written from the reference code ([TV] shufflenetv2.py, [MG] blocks.py / network.py), not
 * from arch.ts, so the oracle tests stay independent of the code under test.
 */
import { mulberry32 } from '../random.ts';
import type { OracleWeights } from './layers.ts';

/** The runtime's seeded generator, so every test run sees the same weights. */
export const seededRandom = mulberry32;

/** Collects parameters; BatchNorm statistics are kept in a range that keeps values tame. */
export class StateDictBuilder {
  readonly weights: OracleWeights = new Map();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  private uniform(size: number, low: number, high: number): Float32Array {
    return Float32Array.from({ length: size }, () => low + (high - low) * this.random());
  }

  /** Conv weight [outC, inC / groups, k, k], scaled like PyTorch's default init. */
  conv(name: string, inC: number, outC: number, k: number, groups: number): this {
    const fanIn = (inC / groups) * k * k;
    const bound = Math.sqrt(3 / fanIn);
    const shape = [outC, inC / groups, k, k];
    this.weights.set(`${name}.weight`, {
      shape,
      data: this.uniform(outC * fanIn, -bound, bound),
    });
    return this;
  }

  bn(name: string, channels: number): this {
    this.weights.set(`${name}.weight`, {
      shape: [channels],
      data: this.uniform(channels, 0.5, 1.5),
    });
    this.weights.set(`${name}.bias`, {
      shape: [channels],
      data: this.uniform(channels, -0.2, 0.2),
    });
    this.weights.set(`${name}.running_mean`, {
      shape: [channels],
      data: this.uniform(channels, -0.2, 0.2),
    });
    this.weights.set(`${name}.running_var`, {
      shape: [channels],
      data: this.uniform(channels, 0.5, 1.5),
    });
    return this;
  }

  linear(name: string, inF: number, outF: number, bias: boolean): this {
    const bound = Math.sqrt(1 / inF);
    this.weights.set(`${name}.weight`, {
      shape: [outF, inF],
      data: this.uniform(outF * inF, -bound, bound),
    });
    if (bias)
      this.weights.set(`${name}.bias`, { shape: [outF], data: this.uniform(outF, -bound, bound) });
    return this;
  }
}

/**
 * Learnable parameters (conv and linear weights, BN weight and bias), the way
 * `sum(p.numel() for p in model.parameters())` counts them: running statistics are buffers.
 */
export function countParameters(weights: OracleWeights): number {
  let total = 0;
  for (const [name, t] of weights) {
    if (!name.endsWith('running_mean') && !name.endsWith('running_var')) total += t.data.length;
  }
  return total;
}

export interface V2Spec {
  /** Output channels of each stage (stage 2 first). */
  stageChannels: number[];
  /** Units per stage, the first of each with stride 2. */
  repeats: number[];
  stemChannels: number;
  lastChannels: number;
  classes: number;
  inChannels?: number;
}

/** [TV] ShuffleNetV2: conv1, stage{2..}.{i}.branch1/branch2, conv5, fc (with bias). */
export function torchvisionV2StateDict(spec: V2Spec, seed: number): OracleWeights {
  const b = new StateDictBuilder(seed);
  b.conv('conv1.0', spec.inChannels ?? 3, spec.stemChannels, 3, 1).bn('conv1.1', spec.stemChannels);
  let inC = spec.stemChannels;
  spec.stageChannels.forEach((outC, s) => {
    const bf = outC / 2;
    for (let i = 0; i < spec.repeats[s]!; i++) {
      const p = `stage${s + 2}.${i}`;
      if (i === 0) {
        b.conv(`${p}.branch1.0`, inC, inC, 3, inC).bn(`${p}.branch1.1`, inC);
        b.conv(`${p}.branch1.2`, inC, bf, 1, 1).bn(`${p}.branch1.3`, bf);
      }
      b.conv(`${p}.branch2.0`, i === 0 ? inC : bf, bf, 1, 1).bn(`${p}.branch2.1`, bf);
      b.conv(`${p}.branch2.3`, bf, bf, 3, bf).bn(`${p}.branch2.4`, bf);
      b.conv(`${p}.branch2.5`, bf, bf, 1, 1).bn(`${p}.branch2.6`, bf);
      inC = outC;
    }
  });
  b.conv('conv5.0', inC, spec.lastChannels, 1, 1).bn('conv5.1', spec.lastChannels);
  return b.linear('fc', spec.lastChannels, spec.classes, true).weights;
}

/** [MG] ShuffleNetV2: first_conv, features.{i}.branch_main/branch_proj, conv_last, classifier.0. */
export function megviiV2StateDict(spec: V2Spec, seed: number): OracleWeights {
  const b = new StateDictBuilder(seed);
  b.conv('first_conv.0', spec.inChannels ?? 3, spec.stemChannels, 3, 1);
  b.bn('first_conv.1', spec.stemChannels);
  let inC = spec.stemChannels;
  let index = 0;
  spec.stageChannels.forEach((outC, s) => {
    const mid = outC / 2;
    for (let i = 0; i < spec.repeats[s]!; i++) {
      const p = `features.${index++}`;
      // [MG] network.py: stride 2 gets (input_channel, ...), stride 1 (input_channel // 2, ...).
      const inp = i === 0 ? inC : inC / 2;
      if (i === 0) {
        b.conv(`${p}.branch_proj.0`, inp, inp, 3, inp).bn(`${p}.branch_proj.1`, inp);
        b.conv(`${p}.branch_proj.2`, inp, inp, 1, 1).bn(`${p}.branch_proj.3`, inp);
      }
      b.conv(`${p}.branch_main.0`, inp, mid, 1, 1).bn(`${p}.branch_main.1`, mid);
      b.conv(`${p}.branch_main.3`, mid, mid, 3, mid).bn(`${p}.branch_main.4`, mid);
      b.conv(`${p}.branch_main.5`, mid, outC - inp, 1, 1).bn(`${p}.branch_main.6`, outC - inp);
      inC = outC;
    }
  });
  b.conv('conv_last.0', inC, spec.lastChannels, 1, 1).bn('conv_last.1', spec.lastChannels);
  return b.linear('classifier.0', spec.lastChannels, spec.classes, false).weights;
}

export interface V1Spec {
  /** [conv1, stage2, stage3, ...] output channels, as megvii's stage_out_channels[1:]. */
  channels: number[];
  repeats: number[];
  groups: number;
  classes: number;
  inChannels?: number;
}

/** [MG] ShuffleNetV1: first_conv, features.{i}.branch_main_1/branch_main_2, classifier.0. */
export function megviiV1StateDict(spec: V1Spec, seed: number): OracleWeights {
  const b = new StateDictBuilder(seed);
  const g = spec.groups;
  const [stemC, ...stageChannels] = spec.channels as [number, ...number[]];
  b.conv('first_conv.0', spec.inChannels ?? 3, stemC, 3, 1).bn('first_conv.1', stemC);
  let inC = stemC;
  let index = 0;
  stageChannels.forEach((outC, s) => {
    const mid = outC / 4;
    for (let i = 0; i < spec.repeats[s]!; i++) {
      const p = `features.${index++}`;
      const branchOut = i === 0 ? outC - inC : outC;
      const firstGroups = s === 0 && i === 0 ? 1 : g;
      b.conv(`${p}.branch_main_1.0`, inC, mid, 1, firstGroups).bn(`${p}.branch_main_1.1`, mid);
      b.conv(`${p}.branch_main_1.3`, mid, mid, 3, mid).bn(`${p}.branch_main_1.4`, mid);
      b.conv(`${p}.branch_main_2.0`, mid, branchOut, 1, g).bn(`${p}.branch_main_2.1`, branchOut);
      inC = outC;
    }
  });
  return b.linear('classifier.0', inC, spec.classes, false).weights;
}
