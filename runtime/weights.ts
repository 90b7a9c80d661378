/**
 * Parameters of an architecture: their PyTorch names and shapes, deterministic random
 * initialisation, layout conversion for tfjs, and safetensors loading/saving.
 *
 * The weight map always holds PyTorch layouts (conv OIHW, linear [out, in]) under torchvision /
 * megvii state_dict names, so a file saved here loads in PyTorch with `load_state_dict` and a
 * round trip is bit-exact. Only the tfjs executor converts (`oihwToHwio`, `linearToInOut`).
 */
import type { Arch, Op } from './arch.ts';
import { parseSafetensors, serializeSafetensors } from './safetensors.ts';
import { mulberry32, normal as gaussian } from './random.ts';

/** A dense float32 tensor in row-major order. */
export interface TensorData {
  shape: number[];
  data: Float32Array;
}
/** Parameter name -> tensor, PyTorch layouts; the oracle reads the same map. */
export type WeightMap = Map<string, TensorData>;

export type ParamRole =
  'conv' | 'bnWeight' | 'bnBias' | 'bnMean' | 'bnVar' | 'linearWeight' | 'linearBias';

export interface ParamSpec {
  /** state_dict key, e.g. `stage2.0.branch2.0.weight`. */
  name: string;
  /** PyTorch shape: conv [O, I/groups, k, k], BN [C], linear [out, in] and [out]. */
  shape: number[];
  role: ParamRole;
  /** Inputs feeding one output (conv (I/groups)*k*k, linear in), for initialisation. */
  fanIn: number;
}

/** BatchNorm's step counter: a buffer in every torchvision state_dict, unused at inference. */
const IGNORED_SUFFIX = '.num_batches_tracked';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function specsOf(ops: Op[], out: ParamSpec[]): void {
  for (const op of ops) {
    switch (op.op) {
      case 'conv': {
        const fanIn = (op.inC / op.groups) * op.k * op.k;
        out.push({
          name: `${op.name}.weight`,
          shape: [op.outC, op.inC / op.groups, op.k, op.k],
          role: 'conv',
          fanIn,
        });
        break;
      }
      case 'bn': {
        const c = [op.channels];
        out.push({ name: `${op.name}.weight`, shape: c, role: 'bnWeight', fanIn: 1 });
        out.push({ name: `${op.name}.bias`, shape: c, role: 'bnBias', fanIn: 1 });
        out.push({ name: `${op.name}.running_mean`, shape: c, role: 'bnMean', fanIn: 1 });
        out.push({ name: `${op.name}.running_var`, shape: c, role: 'bnVar', fanIn: 1 });
        break;
      }
      case 'linear':
        out.push({
          name: `${op.name}.weight`,
          shape: [op.outF, op.inF],
          role: 'linearWeight',
          fanIn: op.inF,
        });
        if (op.bias) {
          out.push({
            name: `${op.name}.bias`,
            shape: [op.outF],
            role: 'linearBias',
            fanIn: op.inF,
          });
        }
        break;
      case 'unit':
        for (const branch of op.branches) specsOf(branch, out);
        specsOf(op.after, out);
        break;
      default:
        break; // relu, pools, shuffle, global pool: no parameters
    }
  }
}

/** Every parameter tensor the architecture expects, in execution order. */
export function parameterSpecs(arch: Arch): ParamSpec[] {
  const out: ParamSpec[] = [];
  specsOf(arch.ops, out);
  return out;
}

/**
 * Seeded random parameters. Convs: Kaiming normal, std sqrt(2 / fan_in) (He et al. 2015), which
 * keeps activations O(1) through ReLU layers. BN: weight in [0.5, 1.5], bias and running_mean in
 * [-0.2, 0.2], running_var in [0.5, 2], so folding, epsilon and the mean all change the result
 * (identity statistics would hide bugs). Linear: uniform +-1/sqrt(in), PyTorch's default bound.
 */
export function randomWeights(arch: Arch, seed = 0): WeightMap {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed ${seed} is not supported; expected an integer in [0, 2^32)`);
  }
  const rand = mulberry32(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const normal = () => gaussian(rand);
  const weights: WeightMap = new Map();
  for (const spec of parameterSpecs(arch)) {
    const data = new Float32Array(sizeOf(spec.shape));
    const bound = 1 / Math.sqrt(spec.fanIn);
    for (let i = 0; i < data.length; i++) {
      switch (spec.role) {
        case 'conv':
          data[i] = normal() * Math.sqrt(2 / spec.fanIn);
          break;
        case 'bnWeight':
          data[i] = uniform(0.5, 1.5);
          break;
        case 'bnBias':
        case 'bnMean':
          data[i] = uniform(-0.2, 0.2);
          break;
        case 'bnVar':
          data[i] = uniform(0.5, 2);
          break;
        case 'linearWeight':
        case 'linearBias':
          data[i] = uniform(-bound, bound);
          break;
      }
    }
    weights.set(spec.name, { shape: [...spec.shape], data });
  }
  return weights;
}

/**
 * Checks that `weights` holds exactly the architecture's parameters with the right shapes
 * (`num_batches_tracked` buffers are tolerated). Throws one error listing every problem: missing
 * tensors with their expected shapes, unexpected tensors, and shape mismatches.
 */
export function checkWeights(arch: Arch, weights: ReadonlyMap<string, TensorData>): void {
  const problems: string[] = [];
  const expected = new Set<string>();
  for (const spec of parameterSpecs(arch)) {
    expected.add(spec.name);
    const t = weights.get(spec.name);
    if (!t) {
      problems.push(`missing tensor '${spec.name}' (expected shape ${shapeText(spec.shape)})`);
    } else if (
      t.shape.length !== spec.shape.length ||
      t.shape.some((d, i) => d !== spec.shape[i])
    ) {
      problems.push(
        `tensor '${spec.name}' has shape ${shapeText(t.shape)}; expected ${shapeText(spec.shape)}`,
      );
    } else if (t.data.length !== sizeOf(spec.shape)) {
      problems.push(
        `tensor '${spec.name}' holds ${t.data.length} values for ${shapeText(t.shape)}`,
      );
    }
  }
  for (const name of weights.keys()) {
    if (!expected.has(name) && !name.endsWith(IGNORED_SUFFIX)) {
      problems.push(`unexpected tensor '${name}' (not a parameter of this architecture)`);
    }
  }
  if (problems.length > 0) {
    const { version, width, groups, layout } = arch.config;
    const what = `${version} ${width}x${version === 'v1' ? ` g=${groups}` : ''} ${layout}`;
    throw new Error(`weights do not match ShuffleNet ${what}:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Reads a safetensors file (e.g. a converted torchvision state_dict) for `arch`: drops
 * `num_batches_tracked`, checks names and shapes, and returns the parameters in spec order.
 */
export function readWeights(arch: Arch, bytes: Uint8Array): WeightMap {
  const { tensors } = parseSafetensors(bytes);
  const found: WeightMap = new Map();
  for (const [name, t] of tensors) {
    // Copy: the parser may return views into `bytes`, which the caller still owns.
    if (!name.endsWith(IGNORED_SUFFIX))
      found.set(name, { shape: [...t.shape], data: t.data.slice() });
  }
  checkWeights(arch, found);
  return new Map(parameterSpecs(arch).map((s) => [s.name, found.get(s.name)!]));
}

/** Serialises the parameters in spec order under their PyTorch names and layouts. */
export function writeWeights(
  arch: Arch,
  weights: ReadonlyMap<string, TensorData>,
  metadata?: Record<string, string>,
): Uint8Array {
  checkWeights(arch, weights);
  const ordered: WeightMap = new Map(
    parameterSpecs(arch).map((s) => [s.name, weights.get(s.name)!]),
  );
  return serializeSafetensors(ordered, metadata);
}

/** A deep copy, so callers cannot alias a model's parameters. */
export function copyWeights(weights: ReadonlyMap<string, TensorData>): WeightMap {
  return new Map(
    [...weights].map(([name, t]) => [name, { shape: [...t.shape], data: t.data.slice() }]),
  );
}

/** Conv weight OIHW [O, I/g, kh, kw] -> grouped HWIO [kh, kw, I/g, O] (tfjs conv2d's layout). */
export function oihwToHwio(t: TensorData): TensorData {
  const [o, i, kh, kw] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          out[((y * kw + x) * i + b) * o + a] = t.data[((a * i + b) * kh + y) * kw + x]!;
  return { shape: [kh, kw, i, o], data: out };
}

/** The inverse of `oihwToHwio`. */
export function hwioToOihw(t: TensorData): TensorData {
  const [kh, kw, i, o] = t.shape as [number, number, number, number];
  const out = new Float32Array(t.data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          out[((a * i + b) * kh + y) * kw + x] = t.data[((y * kw + x) * i + b) * o + a]!;
  return { shape: [o, i, kh, kw], data: out };
}

/** Linear weight [out, in] (PyTorch) <-> [in, out] (tfjs matMul); its own inverse. */
export function transpose2d(t: TensorData): TensorData {
  const [r, c] = t.shape as [number, number];
  const out = new Float32Array(t.data.length);
  for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) out[b * r + a] = t.data[a * c + b]!;
  return { shape: [c, r], data: out };
}
