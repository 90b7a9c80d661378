import { describe, expect, it } from 'vitest';
import { buildArch, costOf, type Arch, type UnitOp } from '../../runtime/index.ts';
import { shuffleSources } from '../features/channel-shuffle/channel-shuffle-view.ts';
import { stagesFigure, stagesOf, steps, unitFigure, unitWithStride } from './arch-figures.ts';
import { FIGURE_NAMES, lessonFigure } from './catalog.ts';
import { connections } from './conv-figure.ts';
import { esc, svgDoc } from './svg.ts';

/** The [H, W, C] after the last op of a unit, as the runtime's cost model computes it. */
function costShapeAfter(arch: Arch, unitName: string): number[] {
  const rows = costOf(arch).rows.filter(
    (r) => r.name === unitName || r.name.startsWith(`${unitName}.`),
  );
  return rows[rows.length - 1]!.outputShape;
}

function attrs(svg: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);
}

describe('svg', () => {
  it('escapes markup in text and attributes', () => {
    expect(esc('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });
  it('refuses a figure without a text alternative or with a bad id', () => {
    const meta = { id: 'x', title: 'T', desc: 'D', width: 10, height: 10 };
    expect(() => svgDoc({ ...meta, desc: ' ' }, '')).toThrow(/title and a description/);
    expect(() => svgDoc({ ...meta, id: 'Bad id' }, '')).toThrow(/figure id/);
    const svg = svgDoc(meta, '');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="x-title"');
    expect(svg).toContain('aria-describedby="x-desc"');
  });
});

describe('conv figure', () => {
  it('connects each output to the c/g inputs of its group', () => {
    for (const g of [1, 2, 3, 6]) {
      const links = connections(6, g);
      expect(links.flat().length).toBe((6 * 6) / g);
      links.forEach((inputs, out) =>
        inputs.forEach((i) => expect(Math.floor(i / (6 / g))).toBe(Math.floor(out / (6 / g)))),
      );
    }
    expect(() => connections(6, 4)).toThrow(/divisor of 6/);
  });
});

describe('unit figures come from the architecture', () => {
  it('draws every conv of a unit with its channels and groups', () => {
    const unit = unitWithStride(buildArch({ version: 'v1', groups: 8 }), 1);
    const svg = unitFigure('u', unit, 'T', 'D');
    const convs = unit.branches.flat().filter((op) => op.op === 'conv');
    expect(convs.length).toBeGreaterThan(0);
    for (const op of convs) expect(svg).toContain(`${op.inC}→${op.outC}`);
    expect(svg).toContain('GConv g=8');
    expect(svg).toContain('Channel shuffle g=8');
    expect(svg).toContain('Add');
  });
  it('shows the V2 split and the concat', () => {
    const unit = unitWithStride(buildArch({ version: 'v2', width: 0.5 }), 1);
    const svg = unitFigure('u', unit, 'T', 'D');
    expect(svg).toContain('Channel split (halves)');
    expect(svg).toContain(`Output ${unit.outC} ch.`);
    expect(
      unitFigure('u', unitWithStride(buildArch({ version: 'v2', layout: 'paper' }), 1), 'T', 'D'),
    ).toContain('even/odd');
  });
  it('folds BN and ReLU into the conv before them and rejects ops a unit cannot hold', () => {
    const unit = unitWithStride(buildArch({ version: 'v1', groups: 3 }), 1) as UnitOp;
    expect(steps(unit.branches[1]!).map((s) => s.lines[1])).toContain('60→60, BN');
    expect(() => steps([{ op: 'globalAvgPool' }])).toThrow(/globalAvgPool/);
    expect(() => unitWithStride(buildArch({ version: 'v2' }), 3)).toThrow(/stride 3/);
  });
});

describe('network stages come from buildArch', () => {
  for (const arch of [
    buildArch({ version: 'v1', groups: 3 }),
    buildArch({ version: 'v1', groups: 8, width: 0.5 }),
    buildArch({ version: 'v2' }),
    buildArch({ version: 'v2', width: 2, inputShape: [28, 28, 1], numClasses: 10 }),
  ]) {
    const { version, width, groups } = arch.config;
    it(`agrees with the runtime's units and cost model (${version} ${width}x g=${groups})`, () => {
      const rows = stagesOf(arch);
      const units = arch.ops.filter((op): op is UnitOp => op.op === 'unit');
      const stageRows = rows.filter((r) => r.name.startsWith('Stage'));
      expect(stageRows.map((r) => r.repeat)).toEqual([4, 8, 4]);
      let seen = 0;
      for (const row of stageRows) {
        seen += row.repeat;
        const last = units[seen - 1]!;
        expect(row.output[2]).toBe(last.outC);
        expect(row.output).toEqual(costShapeAfter(arch, last.name));
      }
      expect(rows[rows.length - 1]!.output).toEqual([1, 1, arch.config.numClasses]);
      // The figure prints exactly these shapes, in order.
      const svg = stagesFigure('s', [{ label: 'net', arch }], 'T', 'D');
      expect(attrs(svg, 'data-shape')).toEqual(rows.map((r) => r.output.join('×')));
    });
  }
});

describe('catalog', () => {
  it('every figure has a unique id, a title and a description', () => {
    const ids = new Set<string>();
    for (const name of FIGURE_NAMES) {
      const { svg, caption } = lessonFigure(name);
      expect(caption.length).toBeGreaterThan(20);
      const id = /data-figure="([^"]+)"/.exec(svg)![1]!;
      expect(ids.has(id)).toBe(false);
      ids.add(id);
      expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]{10,}</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]{40,}</desc>`));
    }
    expect(() => lessonFigure('nope')).toThrow(/no figure named "nope"/);
  });
  it('the shuffle figure draws the runtime permutation', () => {
    const { svg } = lessonFigure('channel-shuffle');
    const after = [...svg.matchAll(/data-row="after" data-channel="(\d+)"/g)].map((m) => +m[1]!);
    expect(after).toEqual(shuffleSources(6, 3));
  });
  it('the stages figure describes the shapes it draws', () => {
    const { svg } = lessonFigure('network-stages');
    for (const shape of attrs(svg, 'data-shape')) {
      expect(svg).toContain(`: ${shape}`);
    }
  });
});
