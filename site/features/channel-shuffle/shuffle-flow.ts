/**
 * Information flow through two stacked group convolutions, with and without a channel shuffle
 * between them (ShuffleNet V1, Zhang et al., 2017, Sec 3.1 and Fig. 1a vs 1b/c). For every
 * channel at every step: which input groups its value depends on. Pure, so the animation in
 * ShuffleFlow.tsx only draws what this module computes.
 */
import { groupOf, shuffleSources } from './channel-shuffle-view.ts';

export type StepKind = 'input' | 'gconv1' | 'shuffle' | 'noShuffle' | 'gconv2';

export interface FlowStep {
  kind: StepKind;
  /** For each channel position, the input groups it depends on, ascending. */
  reached: number[][];
  /** For each channel position, the positions of the previous step it reads (empty at the input). */
  reads: number[][];
}

/** Positions a grouped 1x1 convolution's output `position` reads: its own group's block. */
function groupBlock(position: number, channels: number, groups: number): number[] {
  const n = channels / groups;
  const start = Math.floor(position / n) * n;
  return [...Array(n).keys()].map((j) => start + j);
}

function union(lists: number[][]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** The four steps: input, group conv 1, shuffle (or nothing), group conv 2. */
export function flowSteps(channels: number, groups: number, shuffle: boolean): FlowStep[] {
  const positions = [...Array(channels).keys()];
  // groupOf validates channels and groups.
  const input: FlowStep = {
    kind: 'input',
    reached: positions.map((p) => [groupOf(p, channels, groups)]),
    reads: positions.map(() => []),
  };
  const conv = (prev: FlowStep, kind: StepKind): FlowStep => {
    const reads = positions.map((p) => groupBlock(p, channels, groups));
    return { kind, reads, reached: reads.map((r) => union(r.map((q) => prev.reached[q]!))) };
  };
  const first = conv(input, 'gconv1');
  const sources = shuffle ? shuffleSources(channels, groups) : positions;
  const middle: FlowStep = {
    kind: shuffle ? 'shuffle' : 'noShuffle',
    reads: sources.map((s) => [s]),
    reached: sources.map((s) => first.reached[s]!),
  };
  return [input, first, middle, conv(middle, 'gconv2')];
}

/** The fewest input groups any channel depends on after a step: 1 means groups stayed apart. */
export function fewestGroupsReached(step: FlowStep): number {
  return Math.min(...step.reached.map((r) => r.length));
}
