/**
 * C types for GCC on 32-bit ARM (ILP32, AAPCS): `char` is unsigned, `int`/`long`/pointers are 4
 * bytes, `long long` and `double` are 8 bytes with 8-byte alignment (AAPCS 4.1), `long double` is
 * `double`. Conversions follow C11 6.3.1 (integer promotions, usual arithmetic conversions).
 */
export interface Quals {
  readonly isConst?: boolean;
  readonly isVolatile?: boolean;
  /** The typedef name this type was written as (GCC prints it, then {aka ...}). */
  readonly alias?: string;
}

export type IntName =
  | '_Bool'
  | 'char'
  | 'signed char'
  | 'unsigned char'
  | 'short'
  | 'unsigned short'
  | 'int'
  | 'unsigned int'
  | 'long'
  | 'unsigned long'
  | 'long long'
  | 'unsigned long long';

export type CType = (
  | { readonly kind: 'void' }
  | {
      readonly kind: 'int';
      readonly name: IntName;
      readonly size: 1 | 2 | 4 | 8;
      readonly signed: boolean;
      readonly enumTag?: string;
    }
  | { readonly kind: 'float'; readonly size: 4 | 8 }
  | { readonly kind: 'pointer'; readonly to: CType }
  | { readonly kind: 'array'; readonly of: CType; readonly length: number | null }
  | { readonly kind: 'record'; readonly rec: RecordInfo }
  | {
      readonly kind: 'function';
      readonly ret: CType;
      readonly params: readonly CType[] | null;
      readonly variadic: boolean;
    }
) &
  Quals;

export interface Field {
  readonly name: string;
  readonly type: CType;
  readonly offset: number;
  /** Bit-field position and width, when the member is a bit-field. */
  readonly bitOffset?: number;
  readonly bitWidth?: number;
}

/** A struct or union; mutable while incomplete so forward declarations share one object. */
export interface RecordInfo {
  readonly union: boolean;
  readonly tag: string | null;
  fields: Field[] | null;
  size: number;
  align: number;
}

function int(name: IntName, size: 1 | 2 | 4 | 8, signed: boolean): CType {
  return { kind: 'int', name, size, signed };
}

export const T = {
  void: { kind: 'void' } as CType,
  bool: int('_Bool', 1, false),
  char: int('char', 1, false), // GCC ARM: plain char is unsigned (AAPCS 7.1.1)
  schar: int('signed char', 1, true),
  uchar: int('unsigned char', 1, false),
  short: int('short', 2, true),
  ushort: int('unsigned short', 2, false),
  int: int('int', 4, true),
  uint: int('unsigned int', 4, false),
  long: int('long', 4, true),
  ulong: int('unsigned long', 4, false),
  llong: int('long long', 8, true),
  ullong: int('unsigned long long', 8, false),
  float: { kind: 'float', size: 4 } as CType,
  double: { kind: 'float', size: 8 } as CType,
};

export function pointerTo(to: CType): CType {
  return { kind: 'pointer', to };
}

export function unqualified(t: CType): CType {
  if (!t.isConst && !t.isVolatile) return t;
  const { isConst: _c, isVolatile: _v, alias: _a, ...rest } = t;
  return rest as CType;
}

export function withQuals(t: CType, q: Quals): CType {
  if (!q.isConst && !q.isVolatile) return t;
  return { ...t, isConst: t.isConst || q.isConst, isVolatile: t.isVolatile || q.isVolatile };
}

export const isInteger = (t: CType): boolean => t.kind === 'int';
export const isFloating = (t: CType): boolean => t.kind === 'float';
export const isArithmetic = (t: CType): boolean => t.kind === 'int' || t.kind === 'float';
export const isPointer = (t: CType): boolean => t.kind === 'pointer';
export const isScalar = (t: CType): boolean => isArithmetic(t) || t.kind === 'pointer';
export const isRecord = (t: CType): boolean => t.kind === 'record';
export const isVoid = (t: CType): boolean => t.kind === 'void';
export const is64 = (t: CType): boolean => t.kind === 'int' && t.size === 8;

export function sizeOf(t: CType): number {
  switch (t.kind) {
    case 'void':
      return 1; // GCC extension: sizeof(void) == 1, and void * arithmetic steps by 1
    case 'int':
    case 'float':
      return t.size;
    case 'pointer':
      return 4;
    case 'array':
      return (t.length ?? 0) * sizeOf(t.of);
    case 'record':
      return t.rec.size;
    case 'function':
      return 1;
  }
}

export function alignOf(t: CType): number {
  switch (t.kind) {
    case 'int':
    case 'float':
      return t.size;
    case 'pointer':
      return 4;
    case 'array':
      return alignOf(t.of);
    case 'record':
      return t.rec.align;
    default:
      return 1;
  }
}

export function isComplete(t: CType): boolean {
  if (t.kind === 'void' || t.kind === 'function') return false;
  if (t.kind === 'array') return t.length !== null && isComplete(t.of);
  if (t.kind === 'record') return t.rec.fields !== null;
  return true;
}

const RANK: Record<IntName, number> = {
  _Bool: 0,
  char: 1,
  'signed char': 1,
  'unsigned char': 1,
  short: 2,
  'unsigned short': 2,
  int: 3,
  'unsigned int': 3,
  long: 4,
  'unsigned long': 4,
  'long long': 5,
  'unsigned long long': 5,
};

/** C11 6.3.1.1p2: everything narrower than int becomes int (all their values fit). */
export function promote(t: CType): CType {
  if (t.kind !== 'int') return unqualified(t);
  if (RANK[t.name] < RANK.int) return T.int;
  // Enumerated types are int or unsigned int (GCC picks unsigned when no value is negative).
  return { kind: 'int', name: t.name, size: t.size, signed: t.signed };
}

/** C11 6.3.1.8: the common real type of two arithmetic operands. */
export function usualArithmetic(a: CType, b: CType): CType {
  if (a.kind === 'float' || b.kind === 'float') {
    const sa = a.kind === 'float' ? a.size : 0;
    const sb = b.kind === 'float' ? b.size : 0;
    return Math.max(sa, sb) === 8 ? T.double : T.float;
  }
  const pa = promote(a);
  const pb = promote(b);
  if (pa.kind !== 'int' || pb.kind !== 'int') return T.int;
  if (pa.name === pb.name) return pa;
  if (pa.signed === pb.signed) return RANK[pa.name] >= RANK[pb.name] ? pa : pb;
  const [u, s] = pa.signed ? [pb, pa] : [pa, pb];
  if (u.kind !== 'int' || s.kind !== 'int') return T.int;
  if (RANK[u.name] >= RANK[s.name]) return u;
  // A signed type wider than the unsigned one can hold all its values (long long vs unsigned).
  if (s.size > u.size) return s;
  return s.size === 8 ? T.ullong : T.ulong;
}

/**
 * Lays out a struct or union per AAPCS 4.3 and 7.1.7, as GCC does for arm-none-eabi: members at
 * their natural alignment, size rounded up to the largest. A bit-field goes at the next free bit
 * unless it would cross a boundary of its declared type's size, then at the next such boundary
 * (GCC's PCC_BITFIELD_TYPE_MATTERS); its container is the aligned object of that type around it,
 * so bit-fields of different types share bytes (`char x; unsigned : 4; unsigned char y : 4;`
 * puts the 4 bits in byte 1). `: 0` moves to the next boundary of its type. Every bit-field's
 * type, named or not, counts for the record's alignment (measured with arm-none-eabi-gcc 12:
 * `struct { char c; long long : 3; char d; }` has size 8 and alignment 8).
 */
export function layoutRecord(
  rec: RecordInfo,
  members: readonly { name: string; type: CType; bits?: number }[],
  packed = false,
): void {
  if (packed) return layoutPacked(rec, members);
  const fields: Field[] = [];
  let bitpos = 0; // the next free bit of a struct
  let align = 1;
  let size = 0; // a union's
  for (const m of members) {
    const a = alignOf(m.type);
    const s = sizeOf(m.type);
    align = Math.max(align, a);
    if (m.bits !== undefined) {
      if (rec.union) {
        if (m.name) fields.push({ ...m, offset: 0, bitOffset: 0, bitWidth: m.bits });
        size = Math.max(size, m.bits === 0 ? 0 : s);
        continue;
      }
      const unit = s * 8;
      if (m.bits === 0 || (bitpos % unit) + m.bits > unit) bitpos = alignUp(bitpos, a * 8);
      if (m.bits === 0) continue;
      const offset = Math.floor(bitpos / unit) * s;
      if (m.name) {
        const f = { name: m.name, type: m.type, offset, bitOffset: bitpos - offset * 8 };
        fields.push({ ...f, bitWidth: m.bits });
      }
      bitpos += m.bits;
      continue;
    }
    if (rec.union) {
      fields.push({ name: m.name, type: m.type, offset: 0 });
      size = Math.max(size, s);
    } else {
      const offset = alignUp(Math.ceil(bitpos / 8), a);
      fields.push({ name: m.name, type: m.type, offset });
      bitpos = (offset + s) * 8;
    }
  }
  rec.fields = fields;
  rec.align = align;
  rec.size = alignUp(rec.union ? size : Math.ceil(bitpos / 8), align);
}

/** `__attribute__((packed))` (GCC manual, Type Attributes): byte alignment, no padding. */
function layoutPacked(
  rec: RecordInfo,
  members: readonly { name: string; type: CType; bits?: number }[],
): void {
  const fields: Field[] = [];
  let offset = 0;
  let size = 0;
  let bitUnitStart = -1; // offset of the current bit-field storage unit
  let bitUsed = 0;
  let bitUnitSize = 0;
  for (const m of members) {
    const s = sizeOf(m.type);
    if (m.bits !== undefined) {
      if (rec.union) {
        if (m.name) fields.push({ ...m, offset: 0, bitOffset: 0, bitWidth: m.bits });
        size = Math.max(size, s);
        continue;
      }
      if (bitUnitStart < 0 || bitUnitSize !== s || bitUsed + m.bits > s * 8 || m.bits === 0) {
        bitUnitStart = offset;
        bitUnitSize = s;
        bitUsed = 0;
        offset += s;
      }
      if (m.bits === 0) continue;
      if (m.name) {
        const f = { name: m.name, type: m.type, offset: bitUnitStart, bitOffset: bitUsed };
        fields.push({ ...f, bitWidth: m.bits });
      }
      bitUsed += m.bits;
      continue;
    }
    bitUnitStart = -1;
    if (rec.union) {
      fields.push({ name: m.name, type: m.type, offset: 0 });
      size = Math.max(size, s);
    } else {
      fields.push({ name: m.name, type: m.type, offset });
      offset += s;
    }
  }
  rec.fields = fields;
  rec.align = 1;
  rec.size = rec.union ? size : offset;
}

export function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function findField(rec: RecordInfo, name: string): Field | undefined {
  if (!rec.fields) return undefined;
  for (const f of rec.fields) {
    if (f.name === name) return f;
    // C11 6.7.2.1p13: members of an anonymous struct/union are members of the containing one.
    if (f.name === '' && f.type.kind === 'record') {
      const inner = findField(f.type.rec, name);
      if (inner) return { ...inner, offset: f.offset + inner.offset };
    }
  }
  return undefined;
}

/** Type compatibility as GCC checks it for assignment of pointers (C11 6.2.7), ignoring quals. */
export function sameType(a: CType, b: CType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'int':
      return b.kind === 'int' && a.name === b.name;
    case 'float':
      return b.kind === 'float' && a.size === b.size;
    case 'pointer':
      return b.kind === 'pointer' && sameType(a.to, b.to);
    case 'array':
      return b.kind === 'array' && sameType(a.of, b.of);
    case 'record':
      return b.kind === 'record' && a.rec === b.rec;
    case 'function':
      // C11 6.7.6.3p15: same return type and, when both have prototypes, the same parameters.
      return (
        b.kind === 'function' &&
        sameType(a.ret, b.ret) &&
        (a.params === null ||
          b.params === null ||
          (a.variadic === b.variadic &&
            a.params.length === b.params.length &&
            a.params.every((p, i) => sameType(unqualified(p), unqualified(b.params![i]!)))))
      );
    case 'void':
      return true;
  }
}

/** GCC's spelling of the integer types in diagnostics (c-family/c-pretty-print.cc). */
const GCC_INT_NAMES: Record<IntName, string> = {
  _Bool: '_Bool',
  char: 'char',
  'signed char': 'signed char',
  'unsigned char': 'unsigned char',
  short: 'short int',
  'unsigned short': 'short unsigned int',
  int: 'int',
  'unsigned int': 'unsigned int',
  long: 'long int',
  'unsigned long': 'long unsigned int',
  'long long': 'long long int',
  'unsigned long long': 'long long unsigned int',
};

/** The type as GCC spells it in diagnostics: 'int', 'struct point', 'char *', 'int (*)(int)'. */
export function typeName(t: CType, aliases = false): string {
  return declString(t, '', aliases).trim();
}

/** `'u32' {aka 'long unsigned int'}` for typedef'd types, else `'int'`, as GCC quotes types. */
export function quoteType(t: CType): string {
  const written = typeName(t, true);
  const canonical = typeName(t, false);
  return written === canonical ? `'${written}'` : `'${written}' {aka '${canonical}'}`;
}

function qualPrefix(t: CType): string {
  return (t.isConst ? 'const ' : '') + (t.isVolatile ? 'volatile ' : '');
}

/** GCC writes 'int *', 'int (*)(int)' but 'int[3]' and 'int(int)' (no space before [ or a parameter list). */
function spaced(inner: string): string {
  if (inner === '') return '';
  return inner.startsWith('[') || (inner.startsWith('(') && !inner.startsWith('(*'))
    ? inner
    : ` ${inner}`;
}

function declString(t: CType, inner: string, aliases = false): string {
  if (aliases && t.alias) return `${qualPrefix(t)}${t.alias}${spaced(inner)}`;
  switch (t.kind) {
    case 'void':
      return `${qualPrefix(t)}void${spaced(inner)}`;
    case 'int':
    case 'float': {
      const base =
        t.kind === 'float'
          ? t.size === 4
            ? 'float'
            : 'double'
          : t.enumTag
            ? `enum ${t.enumTag}`
            : GCC_INT_NAMES[t.name];
      return `${qualPrefix(t)}${base}${spaced(inner)}`;
    }
    case 'record': {
      const base = `${t.rec.union ? 'union' : 'struct'} ${t.rec.tag ?? '<anonymous>'}`;
      return `${qualPrefix(t)}${base}${spaced(inner)}`;
    }
    case 'pointer': {
      const q = (t.isConst ? ' const' : '') + (t.isVolatile ? ' volatile' : '');
      const needsParens = t.to.kind === 'array' || t.to.kind === 'function';
      const star = `*${q}${inner ? (q ? ' ' : '') + inner : ''}`;
      return declString(t.to, needsParens ? `(${star})` : star, aliases);
    }
    case 'array':
      return declString(t.of, `${inner}[${t.length ?? ''}]`, aliases);
    case 'function': {
      const params =
        t.params === null
          ? ''
          : t.params.length === 0
            ? 'void'
            : t.params.map((p) => typeName(p, aliases)).join(', ') + (t.variadic ? ', ...' : '');
      return declString(t.ret, `${inner}(${params})`, aliases);
    }
  }
}
