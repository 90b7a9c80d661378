/**
 * Cost model: walks an architecture description and counts, layer by layer, the three numbers the
 * ShuffleNet papers argue with.
 *
 * - params: learned numbers. Conv: outC * (inC / groups) * k * k (no bias, as in every reference
 *   implementation). BN: 2 per channel (scale and shift once folded for inference; the running
 *   statistics are buffers, not parameters, matching torchvision's num_params). Linear:
 *   inF * outF, plus outF with a bias.
 * - macs: multiply-adds, which is what both papers call "FLOPs" ([V2] footnote 1, [V1] Table 1
 *   caption). Conv: params * Hout * Wout. Linear: inF * outF (the bias add is not a multiply-add).
 *   BN, ReLU, pooling, shuffle, split, concat and add count 0, as in the papers' tables.
 * - memoryAccess: the memory access cost "MAC" of [V2] Sec 2, counted in tensor elements (multiply
 *   by the bytes per element for bytes). [V2] gives hw(c1 + c2) + c1*c2 for a 1x1 convolution:
 *   read the input feature map, write the output feature map, read the weights once, assuming the
 *   cache holds everything. We apply the same rule to every op: every input element + every
 *   output element + every parameter. For element-wise and data-movement ops (ReLU, pooling,
 *   shuffle, split, concat, add) that is inputs + outputs, which is why [V2] G4 says they are not
 *   free even though they add no FLOPs. It is an upper bound: a framework may fuse BN and ReLU
 *   into the convolution or implement a split as a view, and then that traffic disappears.
 *
 * Shapes are [H, W, C] with PyTorch window arithmetic (`windowOutput`), batch excluded. The walk
 * also checks that channels agree from op to op, so a malformed description fails loudly here.
 */
import { windowOutput } from './arch.ts';
import { convCounts } from './conv-cost.ts';
import type { Arch, ConvOp, LinearOp, Op, PoolOp, UnitOp } from './arch.ts';

export type Shape = [number, number, number];

/** The op kinds of `Op`, less 'unit' (a unit expands into rows), plus a unit's data movement. */
export type CostKind = Exclude<Op['op'], 'unit'> | 'split' | 'concat' | 'add';

export interface CostRow {
  /**
   * Parameter prefix for ops with weights (e.g. `stage2.0.branch2.0`). A ReLU after a numbered op
   * takes the next index, as in PyTorch's Sequential (`conv1.2`). Other unnamed ops inside a unit
   * take the unit's name (`stage2.0`); at the top level they are `maxpool`, `avgpool` or
   * `globalpool`.
   */
  name: string;
  kind: CostKind;
  /** [H, W, C]; for a split, the shape of each part. */
  outputShape: Shape;
  params: number;
  macs: number;
  memoryAccess: number;
}

export interface CostTotals {
  params: number;
  macs: number;
  memoryAccess: number;
}

export interface CostReport {
  rows: CostRow[];
  totals: CostTotals;
}

const TOP_LEVEL_NAMES: Partial<Record<CostKind, string>> = {
  maxpool: 'maxpool',
  avgpool: 'avgpool',
  globalAvgPool: 'globalpool',
  relu: 'relu',
  shuffle: 'shuffle',
};

function elements([h, w, c]: Shape): number {
  return h * w * c;
}

function formatShape([h, w, c]: Shape): string {
  return `${h}x${w}x${c}`;
}

function expectChannels(what: string, input: Shape, expected: number): void {
  if (input[2] !== expected) {
    throw new Error(`${what} expects ${expected} input channels but gets ${formatShape(input)}`);
  }
}

function expectDivisible(what: string, value: number, by: number): void {
  if (value % by !== 0) throw new Error(`${what}: ${value} channels do not divide by ${by}`);
}

/** Collects rows while walking; `scope` is the enclosing unit's name, or null at the top level. */
class Walker {
  readonly rows: CostRow[] = [];

  sequence(ops: readonly Op[], input: Shape, scope: string | null): Shape {
    let shape = input;
    let previousName: string | null = null;
    for (const op of ops) {
      shape = this.op(op, shape, scope, previousName);
      previousName = 'name' in op && op.op !== 'unit' ? op.name : null;
    }
    return shape;
  }

  private push(
    name: string,
    kind: CostKind,
    inputs: readonly Shape[],
    output: Shape,
    params: number,
    macs: number,
    outputElements = elements(output),
  ): Shape {
    const inputElements = inputs.reduce((sum, shape) => sum + elements(shape), 0);
    const memoryAccess = inputElements + outputElements + params;
    this.rows.push({ name, kind, outputShape: output, params, macs, memoryAccess });
    return output;
  }

  private unnamed(kind: CostKind, scope: string | null, previousName: string | null): string {
    // A ReLU closing a Sequential like conv5 = (conv, bn, relu) is `conv5.2` in PyTorch.
    const index = previousName?.match(/^(.*)\.(\d+)$/);
    if (kind === 'relu' && index) return `${index[1]}.${Number(index[2]) + 1}`;
    return scope ?? TOP_LEVEL_NAMES[kind] ?? kind;
  }

  private op(op: Op, input: Shape, scope: string | null, previousName: string | null): Shape {
    const [h, w, c] = input;
    switch (op.op) {
      case 'conv':
        return this.conv(op, input);
      case 'bn':
        expectChannels(op.name, input, op.channels);
        return this.push(op.name, 'bn', [input], input, 2 * op.channels, 0);
      case 'relu':
        return this.push(this.unnamed('relu', scope, previousName), 'relu', [input], input, 0, 0);
      case 'maxpool':
      case 'avgpool':
        return this.pool(op, input, this.unnamed(op.op, scope, previousName));
      case 'shuffle': {
        const name = this.unnamed('shuffle', scope, previousName);
        expectDivisible(`${name} shuffle`, c, op.groups);
        return this.push(name, 'shuffle', [input], input, 0, 0);
      }
      case 'globalAvgPool': {
        const name = this.unnamed('globalAvgPool', scope, previousName);
        return this.push(name, 'globalAvgPool', [input], [1, 1, c], 0, 0);
      }
      case 'linear':
        if (h !== 1 || w !== 1) {
          throw new Error(`${op.name} expects a pooled [1, 1, C] input, got ${formatShape(input)}`);
        }
        return this.linear(op, input);
      case 'unit':
        return this.unit(op, input);
    }
  }

  private conv(op: ConvOp, input: Shape): Shape {
    expectChannels(op.name, input, op.inC);
    expectDivisible(`${op.name} input`, op.inC, op.groups);
    expectDivisible(`${op.name} output`, op.outC, op.groups);
    const output: Shape = [
      windowOutput(input[0], op.k, op.stride, op.pad),
      windowOutput(input[1], op.k, op.stride, op.pad),
      op.outC,
    ];
    const kernel = { inChannels: op.inC, outChannels: op.outC, kernel: op.k, groups: op.groups };
    const { params, macs } = convCounts(kernel, [input[0], input[1]], [output[0], output[1]]);
    return this.push(op.name, 'conv', [input], output, params, macs);
  }

  private pool(op: PoolOp, input: Shape, name: string): Shape {
    const output: Shape = [
      windowOutput(input[0], op.k, op.stride, op.pad),
      windowOutput(input[1], op.k, op.stride, op.pad),
      input[2],
    ];
    return this.push(name, op.op, [input], output, 0, 0);
  }

  private linear(op: LinearOp, input: Shape): Shape {
    expectChannels(op.name, input, op.inF);
    const weights = op.inF * op.outF;
    const params = weights + (op.bias ? op.outF : 0);
    return this.push(op.name, 'linear', [input], [1, 1, op.outF], params, weights);
  }

  private unit(op: UnitOp, input: Shape): Shape {
    expectChannels(op.name, input, op.inC);
    const [h, w, c] = input;
    let branchInput = input;
    if (op.split !== 'none') {
      // [V2] Fig 3c channel split: each branch sees half of the channels. Both parts together are
      // as big as the input, so the split moves 2 * hwc elements (read all, write all).
      expectDivisible(`${op.name} split`, c, 2);
      branchInput = [h, w, c / 2];
      this.push(op.name, 'split', [input], branchInput, 0, 0, elements(input));
    }
    // An empty branch is the identity: its output is its input.
    const outputs = op.branches.map((branch) => this.sequence(branch, branchInput, op.name));
    const combined = op.combine === 'add' ? this.add(op, outputs) : this.concat(op, outputs);
    if (combined[2] !== op.outC) {
      throw new Error(`${op.name} declares ${op.outC} output channels but produces ${combined[2]}`);
    }
    return this.sequence(op.after, combined, op.name);
  }

  private concat(op: UnitOp, outputs: Shape[]): Shape {
    const [h, w] = sameSpatialSize(op.name, outputs);
    const output: Shape = [h, w, outputs.reduce((sum, shape) => sum + shape[2], 0)];
    return this.push(op.name, 'concat', outputs, output, 0, 0);
  }

  private add(op: UnitOp, outputs: Shape[]): Shape {
    const [h, w] = sameSpatialSize(op.name, outputs);
    const c = outputs[0]![2];
    if (outputs.some((shape) => shape[2] !== c)) {
      throw new Error(`${op.name} adds branches of different shapes: ${outputs.map(formatShape)}`);
    }
    return this.push(op.name, 'add', outputs, [h, w, c], 0, 0);
  }
}

function sameSpatialSize(name: string, shapes: Shape[]): [number, number] {
  const first = shapes[0];
  if (!first) throw new Error(`${name} has no branches to combine`);
  if (shapes.some((shape) => shape[0] !== first[0] || shape[1] !== first[1])) {
    throw new Error(`${name} combines branches of different sizes: ${shapes.map(formatShape)}`);
  }
  return [first[0], first[1]];
}

/** Counts params, multiply-adds and memory access for every op of an architecture. */
export function costOf(arch: Arch): CostReport {
  const walker = new Walker();
  walker.sequence(arch.ops, [...arch.config.inputShape], null);
  const totals: CostTotals = { params: 0, macs: 0, memoryAccess: 0 };
  for (const row of walker.rows) {
    totals.params += row.params;
    totals.macs += row.macs;
    totals.memoryAccess += row.memoryAccess;
  }
  return { rows: walker.rows, totals };
}

/** Millions with one decimal, the precision the papers' tables use (e.g. 144.9). */
export function millions(value: number): string {
  return (value / 1e6).toFixed(1);
}

/**
 * An aligned text table, one line per row, then a totals line with the exact parameter count,
 * MMACs and memory access (in elements), e.g. `total params=2278604 MMACs=144.9 ...`.
 */
export function formatCostTable(report: CostReport): string {
  const header = ['layer', 'op', 'output', 'params', 'mult-adds', 'mem access'];
  const body = report.rows.map((row) => [
    row.name,
    row.kind,
    formatShape(row.outputShape),
    String(row.params),
    String(row.macs),
    String(row.memoryAccess),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...body.map((cells) => cells[i]!.length)),
  );
  // Text columns (layer, op) align left, numbers and shapes align right.
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 2 * (widths.length - 1)));
  const { params, macs, memoryAccess } = report.totals;
  const totals =
    `total  params=${params}  MMACs=${millions(macs)}  ` +
    `memoryAccess=${memoryAccess} (${millions(memoryAccess)}M elements)`;
  return [line(header), rule, ...body.map(line), rule, totals].join('\n');
}
