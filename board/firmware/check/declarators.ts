/**
 * Declarators (C11 6.7.6): applied to the specifiers' base type from the outside in, each layer
 * (pointer, array, function, parentheses) wraps the type, until the declared name is reached.
 * Also parameter lists and type names (`sizeof(T)`, casts), which are declarators without a name.
 */
import type { Node } from 'web-tree-sitter';
import type { SourceLoc } from '../report.ts';
import { T, isInteger, pointerTo, withQuals, type CType } from '../types.ts';
import { constant, dispatch, type Checker } from './context.ts';

/** A declarator applied: the name it declares, the type, and a function's named parameters. */
export interface Declarated {
  name: string;
  nameNode: Node | null;
  type: CType;
  params: { name: string; type: CType; loc: SourceLoc }[] | null;
}

/** The type built so far; each layer wraps it and says which node comes next. */
interface Building {
  type: CType;
  params: Declarated['params'];
}

type Layer = (cx: Checker, n: Node, d: Building) => Node | null;

/** Node kinds that end a declarator: the declared name. */
const NAMES = new Set(['identifier', 'field_identifier', 'type_identifier', 'primitive_type']);

const pointerLayer: Layer = (_cx, n, d) => {
  const quals = n.namedChildren.filter((c) => c?.type === 'type_qualifier').map((c) => c!.text);
  d.type = withQuals(pointerTo(d.type), {
    isConst: quals.includes('const'),
    isVolatile: quals.some((q) => q.includes('volatile')),
  });
  return n.childForFieldName('declarator');
};

const arrayLayer: Layer = (cx: Checker, n: Node, d: Building) => {
  const size = n.childForFieldName('size');
  let length: number | null = null;
  if (size && size.type !== '*') {
    let e = cx.value(size);
    // `const int N = 8; int a[N];` in a block is a VLA to GCC, but N's value is known:
    // lay it out as the fixed array GCC's code ends up with.
    if (e.k === 'var' && e.sym.constValue !== undefined && cx.fn) {
      e = constant(cx, size, e.sym.constValue, T.int);
    }
    if (e.k !== 'const' || !isInteger(e.type)) {
      // GCC accepts these (C99 6.7.6.2p4); the simulator lays out frames statically.
      cx.fail(
        size,
        'variable-length arrays are not supported by the simulator; use a constant size',
      );
    }
    length = Number(e.value);
  }
  if (length !== null && length < 0) cx.error(size!, `size of array is negative`);
  if (d.type.kind === 'function') cx.fail(n, 'declaration of array of functions');
  d.type = { kind: 'array', of: d.type, length };
  return n.childForFieldName('declarator');
};

const functionLayer: Layer = (cx, n, d) => {
  const p = parameterList(cx, n.childForFieldName('parameters')!);
  d.params = p.named; // the innermost function declarator names the parameters
  // C11 6.7.6.3p1: a function cannot return an array or a function.
  if (d.type.kind === 'array') cx.fail(n, 'function returning an array');
  if (d.type.kind === 'function') cx.fail(n, 'function returning a function');
  d.type = { kind: 'function', ret: d.type, params: p.types, variadic: p.variadic };
  return n.childForFieldName('declarator');
};

const parenthesizedLayer: Layer = (_cx, n) =>
  n.namedChildren.find(
    (c) => c && c.type !== 'attribute_declaration' && c.type !== 'ms_call_modifier',
  ) ?? null;

const declaratorLayers: Record<string, Layer> = {
  init_declarator: (_cx, n) => n.childForFieldName('declarator'),
  pointer_declarator: pointerLayer,
  abstract_pointer_declarator: pointerLayer,
  array_declarator: arrayLayer,
  abstract_array_declarator: arrayLayer,
  function_declarator: functionLayer,
  abstract_function_declarator: functionLayer,
  parenthesized_declarator: parenthesizedLayer,
  abstract_parenthesized_declarator: parenthesizedLayer,
  attributed_declarator: parenthesizedLayer,
};

/** Applies a declarator to its base type, inside out (C11 6.7.6). */
export function declarator(cx: Checker, node: Node, base: CType): Declarated {
  const d: Building = { type: base, params: null };
  let n: Node | null = node;
  while (n) {
    if (NAMES.has(n.type)) return { name: n.text, nameNode: n, type: d.type, params: d.params };
    const layer: Layer | undefined = dispatch(declaratorLayers, n);
    if (!layer) return cx.fail(n, `unsupported declarator '${n.text}'`);
    n = layer(cx, n, d);
  }
  return { name: '', nameNode: null, type: d.type, params: d.params };
}

function parameterList(
  cx: Checker,
  node: Node,
): {
  types: CType[] | null;
  variadic: boolean;
  named: { name: string; type: CType; loc: SourceLoc }[];
} {
  const decls = node.namedChildren.filter(
    (c): c is Node =>
      !!c && (c.type === 'parameter_declaration' || c.type === 'variadic_parameter'),
  );
  if (decls.length === 0) return { types: null, variadic: false, named: [] };
  const types: CType[] = [];
  const named: { name: string; type: CType; loc: SourceLoc }[] = [];
  let variadic = false;
  for (const d of decls) {
    if (d.type === 'variadic_parameter') {
      variadic = true;
      continue;
    }
    const spec = cx.specifiers(d);
    const dn = d.childForFieldName('declarator');
    const decl = dn
      ? declarator(cx, dn, spec.type)
      : { name: '', type: spec.type, nameNode: null, params: null };
    if (decl.type.kind === 'void' && decls.length === 1 && !dn)
      return { types: [], variadic: false, named: [] };
    // C11 6.7.6.3p7-8: array and function parameters are adjusted to pointers.
    let t = decl.type;
    if (t.kind === 'array') t = pointerTo(t.of);
    else if (t.kind === 'function') t = pointerTo(t);
    types.push(t);
    named.push({ name: decl.name, type: t, loc: cx.loc(decl.nameNode ?? d) });
  }
  return { types, variadic, named };
}

/** A type name (C11 6.7.7): specifiers and an abstract declarator, as in casts and sizeof. */
export function typeDescriptor(cx: Checker, node: Node): CType {
  const spec = cx.specifiers(node);
  const d = node.childForFieldName('declarator');
  return d ? declarator(cx, d, spec.type).type : spec.type;
}
