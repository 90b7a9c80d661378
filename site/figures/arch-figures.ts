/**
 * Figures drawn from the runtime's architecture description (runtime/arch.ts `buildArch`), so
 * that a figure and the code that runs cannot disagree: a ShuffleNet unit is drawn from its
 * UnitOp's branches, and the network's stages from walking its ops with the same window
 * arithmetic (`windowOutput`) the runtime uses. V1: Zhang et al., 2017, Fig. 2 and Table 1.
 * V2: Ma et al., 2018, Fig. 3 and Table 5.
 */
import { windowOutput, type Arch, type Op, type UnitOp } from '../../runtime/index.ts';
import { arrow, box, el, svgDoc, text } from './svg.ts';

/** One drawn step of a branch: a conv with the BN and ReLU that follow it, a pool or a shuffle. */
export interface Step {
  lines: string[];
  kind: 'conv' | 'pool' | 'shuffle' | 'relu';
}

function convName(op: Extract<Op, { op: 'conv' }>): string {
  let kind = 'Conv';
  if (op.groups > 1 && op.groups === op.inC && op.groups === op.outC) kind = 'DWConv';
  else if (op.groups > 1) kind = `GConv g=${op.groups}`;
  return `${op.k}×${op.k} ${kind}${op.stride > 1 ? ` s=${op.stride}` : ''}`;
}

/** Groups a branch's ops into drawn steps: BN and ReLU join the conv before them. */
export function steps(ops: readonly Op[]): Step[] {
  const out: Step[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if ((op.op === 'bn' || op.op === 'relu') && last?.kind === 'conv') {
      last.lines[1] += op.op === 'bn' ? ', BN' : ', ReLU';
    } else if (op.op === 'conv') {
      out.push({ kind: 'conv', lines: [convName(op), `${op.inC}→${op.outC}`] });
    } else if (op.op === 'avgpool' || op.op === 'maxpool') {
      const name = op.op === 'avgpool' ? 'AvgPool' : 'MaxPool';
      out.push({ kind: 'pool', lines: [`${op.k}×${op.k} ${name} s=${op.stride}`] });
    } else if (op.op === 'shuffle') {
      out.push({ kind: 'shuffle', lines: [`Channel shuffle g=${op.groups}`] });
    } else if (op.op === 'relu') {
      out.push({ kind: 'relu', lines: ['ReLU'] });
    } else {
      throw new Error(`a unit branch holds a ${op.op} op, which the unit figure cannot draw`);
    }
  }
  return out;
}

const SPLIT_NAMES: Record<UnitOp['split'], string | null> = {
  none: null,
  halves: 'Channel split (halves)',
  evenOdd: 'Channel split (even/odd)',
};

const COL_W = 176;
const BOX_H = 38;
const GAP = 18;

/** A unit as a flow chart: input, optional split, branches side by side, combine, after-ops. */
export function unitFigure(id: string, unit: UnitOp, title: string, desc: string): string {
  const branches = unit.branches.map(steps);
  const cols = branches.length;
  const width = cols * COL_W + 24;
  const mid = width / 2;
  const colX = (b: number) => 12 + b * COL_W + COL_W / 2;
  const parts: string[] = [];
  let y = 8;
  parts.push(box(mid - 80, y, 160, 30, [`Input ${unit.inC} ch.`], 'fig-box fig-io'));
  y += 30;
  const split = SPLIT_NAMES[unit.split];
  if (split) {
    parts.push(arrow(mid, y, mid, y + GAP));
    y += GAP;
    parts.push(box(mid - 80, y, 160, 30, [split], 'fig-box fig-data'));
    y += 30;
  }
  const top = y;
  const longest = Math.max(...branches.map((b) => b.length));
  const bottom = top + GAP + Math.max(1, longest) * (BOX_H + GAP);
  branches.forEach((branch, b) => {
    const x = colX(b);
    let by = top + GAP;
    parts.push(arrow(mid, top, x, by));
    if (branch.length === 0) {
      parts.push(text(x + 6, (top + bottom) / 2, 'identity', 'fig-note'));
    }
    branch.forEach((step, s) => {
      if (s > 0) parts.push(arrow(x, by - GAP, x, by));
      const cls = step.kind === 'conv' ? 'fig-box' : 'fig-box fig-data';
      parts.push(box(x - 80, by, 160, BOX_H, step.lines, cls));
      by += BOX_H + GAP;
    });
    parts.push(el('line', { x1: x, y1: by - GAP, x2: x, y2: bottom, class: 'fig-arrow' }));
    parts.push(arrow(x, bottom, mid, bottom + GAP));
  });
  y = bottom + GAP;
  const combine = unit.combine === 'add' ? 'Add' : 'Concat';
  parts.push(box(mid - 80, y, 160, 30, [combine], 'fig-box fig-data'));
  y += 30;
  for (const step of steps(unit.after)) {
    parts.push(arrow(mid, y, mid, y + GAP));
    y += GAP;
    parts.push(box(mid - 80, y, 160, 30, step.lines, 'fig-box fig-data'));
    y += 30;
  }
  parts.push(arrow(mid, y, mid, y + GAP));
  y += GAP;
  parts.push(box(mid - 80, y, 160, 30, [`Output ${unit.outC} ch.`], 'fig-box fig-io'));
  y += 38;
  return svgDoc({ id, title, desc, width, height: y }, parts.join(''));
}

/** The `nth` (0-based) unit of the given stride in an architecture: what a unit figure draws. */
export function unitWithStride(arch: Arch, stride: number, nth = 0): UnitOp {
  const units = arch.ops.filter((op): op is UnitOp => op.op === 'unit' && op.stride === stride);
  const unit = units[nth];
  if (!unit) {
    throw new Error(`the architecture has ${units.length} units with stride ${stride}, no #${nth}`);
  }
  return unit;
}

/** A row of the network table: one layer, or one stage of repeated units. */
export interface StageRow {
  name: string;
  /** [height, width, channels] after the row. */
  output: [number, number, number];
  /** Units in a stage, else 1. */
  repeat: number;
  /** Stride of the row's first op. */
  stride: number;
}

/**
 * Walks an architecture's ops, tracking the [H, W, C] shape with the runtime's window arithmetic,
 * and folds consecutive units into stages (a stride-2 unit starts one, as in both papers).
 */
export function stagesOf(arch: Arch): StageRow[] {
  let [h, w, c] = arch.config.inputShape;
  const rows: StageRow[] = [];
  let stage = 1;
  for (const op of arch.ops) {
    const last = rows[rows.length - 1];
    if (op.op === 'conv') {
      h = windowOutput(h, op.k, op.stride, op.pad);
      w = windowOutput(w, op.k, op.stride, op.pad);
      c = op.outC;
      const name = rows.some((r) => r.name.startsWith('Conv')) ? 'Conv5 1×1' : 'Conv1 3×3';
      rows.push({ name, output: [h, w, c], repeat: 1, stride: op.stride });
    } else if (op.op === 'maxpool' || op.op === 'avgpool') {
      h = windowOutput(h, op.k, op.stride, op.pad);
      w = windowOutput(w, op.k, op.stride, op.pad);
      const name = `${op.op === 'maxpool' ? 'MaxPool' : 'AvgPool'} ${op.k}×${op.k}`;
      rows.push({ name, output: [h, w, c], repeat: 1, stride: op.stride });
    } else if (op.op === 'unit') {
      // Every unit's spatial window is its 3x3 depthwise conv with padding 1.
      h = windowOutput(h, 3, op.stride, 1);
      w = windowOutput(w, 3, op.stride, 1);
      c = op.outC;
      if (op.stride > 1 || !last?.name.startsWith('Stage')) {
        stage++;
        rows.push({ name: `Stage${stage}`, output: [h, w, c], repeat: 1, stride: op.stride });
      } else {
        last.output = [h, w, c];
        last.repeat++;
      }
    } else if (op.op === 'globalAvgPool') {
      h = 1;
      w = 1;
      rows.push({ name: 'GlobalPool', output: [1, 1, c], repeat: 1, stride: 1 });
    } else if (op.op === 'linear') {
      c = op.outF;
      rows.push({ name: 'FC', output: [1, 1, c], repeat: 1, stride: 1 });
    }
  }
  return rows;
}

const ROW_H = 34;

/** Two or more networks' stages side by side, each row labelled with its output shape. */
export function stagesFigure(
  id: string,
  nets: { label: string; arch: Arch }[],
  title: string,
  desc: string,
): string {
  const colW = 250;
  const tables = nets.map(({ label, arch }) => ({ label, rows: stagesOf(arch) }));
  const height = 40 + Math.max(...tables.map((t) => t.rows.length)) * (ROW_H + 8) + 16;
  const parts = tables.map((table, n) => {
    const x = 10 + n * colW;
    const [ih, iw, ic] = nets[n]!.arch.config.inputShape;
    const items = [text(x + 115, 20, `${table.label} — input ${ih}×${iw}×${ic}`, 'fig-heading')];
    table.rows.forEach((row, r) => {
      const y = 34 + r * (ROW_H + 8);
      const name = row.repeat > 1 ? `${row.name} ×${row.repeat}` : row.name;
      const shape = `${row.output[0]}×${row.output[1]}×${row.output[2]}`;
      const cls = row.name.startsWith('Stage') ? 'fig-box' : 'fig-box fig-data';
      items.push(
        el(
          'g',
          { 'data-row': row.name, 'data-shape': shape, 'data-repeat': row.repeat },
          box(x, y, 230, ROW_H, [name, shape], cls),
        ),
      );
      if (r > 0) items.push(arrow(x + 115, y - 8, x + 115, y));
    });
    return el('g', { 'data-net': table.label }, ...items);
  });
  return svgDoc({ id, title, desc, width: nets.length * colW + 10, height }, parts.join(''));
}
