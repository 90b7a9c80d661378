/**
 * GCC 12's "did you mean" for a name it does not know (`unknown type name 'u23'; did you mean
 * 'u32'?`), so that the learner sees the suggestion the real compiler makes. The rules follow
 * GCC's sources, described here in our words:
 *
 * - gcc/spellcheck.cc: the distance is Damerau-Levenshtein (optimal string alignment) where an
 *   insertion, deletion, substitution or adjacent transposition costs 2 and a change of case 1; a
 *   candidate is meaningful only within a third of the longer name's length (rounded down when
 *   the lengths differ by at most one, at least one edit; rounded up otherwise), and never at
 *   distance 0.
 * - gcc/spellcheck.h (best_match): candidates in order; a later one wins only when strictly
 *   closer; one is skipped unseen when the difference of lengths alone (in edits, not cost)
 *   is at least the best distance so far or beyond its cutoff.
 * - gcc/c/c-decl.cc (lookup_name_fuzzy): names the C library's headers declare (known-headers.cc)
 *   get no suggestion; then the visible scopes, innermost first and newest binding first, skipping
 *   implicitly declared functions and, unless the name starts with '_', names reserved for the
 *   implementation; then the macros (gcc/c-family/c-spellcheck.cc), only if strictly closer; then,
 *   for a type name, the keywords that start one.
 */
import type { Sym } from '../ast.ts';
import { knownHeaderOf } from './known-headers.ts';

const BASE_COST = 2;
const CASE_COST = 1;

/** GCC's get_edit_distance: in units where one edit costs 2 and a case change 1. */
export function editDistance(s: string, t: string): number {
  if (s.length === 0) return BASE_COST * t.length;
  if (t.length === 0) return BASE_COST * s.length;
  let twoAgo: number[] = new Array<number>(s.length + 1).fill(0);
  let oneAgo: number[] = Array.from({ length: s.length + 1 }, (_, i) => i * BASE_COST);
  let next: number[] = new Array<number>(s.length + 1).fill(0);
  for (let i = 0; i < t.length; i++) {
    next[0] = (i + 1) * BASE_COST;
    for (let j = 0; j < s.length; j++) {
      const cost =
        s[j] === t[i] ? 0 : s[j]!.toLowerCase() === t[i]!.toLowerCase() ? CASE_COST : BASE_COST;
      let cheapest = Math.min(next[j]! + BASE_COST, oneAgo[j + 1]! + BASE_COST, oneAgo[j]! + cost);
      if (i > 0 && j > 0 && s[j] === t[i - 1] && s[j - 1] === t[i])
        cheapest = Math.min(cheapest, twoAgo[j - 1]! + BASE_COST);
      next[j + 1] = cheapest;
    }
    [twoAgo, oneAgo, next] = [oneAgo, next, twoAgo];
  }
  return oneAgo[s.length]!;
}

/** GCC's get_edit_distance_cutoff: the largest distance still worth suggesting. */
export function distanceCutoff(goalLength: number, candidateLength: number): number {
  const max = Math.max(goalLength, candidateLength);
  const min = Math.min(goalLength, candidateLength);
  if (max <= 1) return 0;
  if (max - min <= 1) return BASE_COST * Math.max(Math.floor(max / 3), 1);
  return Math.floor((BASE_COST * (max + 2)) / 3);
}

/** GCC's best_match over candidates in the order given. */
class BestMatch {
  best: string | null = null;
  readonly goal: string;
  distance: number;
  constructor(goal: string, distance = Infinity) {
    this.goal = goal;
    this.distance = distance;
  }

  consider(candidate: string): void {
    const lengthGap = Math.abs(candidate.length - this.goal.length);
    if (lengthGap >= this.distance) return;
    if (lengthGap > distanceCutoff(this.goal.length, candidate.length)) return;
    const d = editDistance(this.goal, candidate);
    if (d < this.distance) {
      this.distance = d;
      this.best = candidate;
    }
  }

  meaningful(): string | null {
    if (this.best === null || this.distance === 0) return null;
    return this.distance > distanceCutoff(this.goal.length, this.best.length) ? null : this.best;
  }
}

/** What kind of name GCC looks for (c-decl.cc, enum lookup_name_fuzzy_kind). */
export type FuzzyKind = 'name' | 'type' | 'function';

/**
 * The keywords that start a type name, as GCC 12 spells them for arm-none-eabi with -std=gnu11
 * (c-common.cc c_common_reswords, filtered by c_keyword_starts_typename), in the table's order.
 */
const TYPE_KEYWORDS = (
  '_Alignas _Atomic _Bool _Float16 _Float32 _Float64 _Float32x _Float64x _Fract _Accum _Sat ' +
  '__attribute__ __auto_type char const double enum float int long restrict short signed ' +
  'struct typeof union unsigned void volatile'
).split(' ');

/** C11 7.1.3: `__x` and `_X` belong to the implementation (c-spellcheck.cc). */
function reservedForImplementation(name: string): boolean {
  return name.startsWith('__') || /^_[A-Z]/.test(name);
}

function fits(sym: Sym, kind: FuzzyKind): boolean {
  if (sym.kind === 'func' && sym.implicit) return false;
  if (kind === 'type') return sym.kind === 'typedef';
  if (kind === 'function') {
    if (sym.kind === 'func') return true;
    return sym.kind === 'var' && sym.type.kind === 'pointer' && sym.type.to.kind === 'function';
  }
  return true;
}

/**
 * GCC's suggestion for `goal`, or null. `scopes` is the checker's scope stack (outermost first,
 * each in declaration order); `macros` the unit's macro names in definition order (GCC walks its
 * hash table, whose order we cannot know: among equally close macros the first defined wins).
 */
export function suggestName(
  goal: string,
  kind: FuzzyKind,
  scopes: readonly { readonly names: ReadonlyMap<string, Sym> }[],
  macros: Iterable<string> = [],
): string | null {
  if (knownHeaderOf(goal)) return null;
  const implementationNames = goal.startsWith('_');
  const ok = (name: string): boolean => implementationNames || !reservedForImplementation(name);
  const bm = new BestMatch(goal);
  for (let i = scopes.length - 1; i >= 0; i--) {
    const syms = [...scopes[i]!.names.values()];
    for (let k = syms.length - 1; k >= 0; k--) {
      const sym = syms[k]!;
      if (ok(sym.name) && fits(sym, kind)) bm.consider(sym.name);
    }
  }
  const macro = new BestMatch(goal, bm.distance);
  for (const name of macros) if (!reservedForImplementation(name)) macro.consider(name);
  const bestMacro = macro.meaningful();
  if (bestMacro !== null) {
    bm.best = bestMacro;
    bm.distance = macro.distance;
  }
  if (kind === 'type') for (const keyword of TYPE_KEYWORDS) bm.consider(keyword);
  return bm.meaningful();
}
