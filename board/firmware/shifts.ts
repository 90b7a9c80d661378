/**
 * Shifts whose count is out of range (C11 6.5.7p3 leaves them undefined) as GCC's code does them
 * on the Cortex-A9: a shift by a register uses the register's low byte, and LSL/LSR by 32 or more
 * give 0, ASR by 32 or more the sign (ARM ARM A8.4.1, "Shift operations"): `1u << 32` is 0,
 * `1u << 256` is 1, `-8 >> 40` is -1. A 64-bit shift is GCC's three-instruction sequence on the
 * two halves (gcc/config/arm/arm.cc, arm_emit_coreregs_64bit_shift), which gives results such as
 * `(long long)x << -200 == x << 56` on the high word; checked against arm-none-eabi-gcc 12 -O0
 * under qemu-arm for counts 0-300 and negative ones (shifts.test.ts).
 *
 * The checker folds shifts of constants the way GCC folds them instead (values.ts): a count out
 * of range gives 0, or -1 for a negative value shifted right; GCC at -O0 folds `5 << 256` to 0
 * but shifts a variable by a constant 256 through a register (5).
 */

function lsl(v: number, n: number): number {
  const s = n & 255;
  return s >= 32 ? 0 : (v << s) >>> 0;
}

function lsr(v: number, n: number): number {
  const s = n & 255;
  return s >= 32 ? 0 : v >>> s;
}

function asr(v: number, n: number): number {
  const s = n & 255;
  return (s >= 32 ? v >> 31 : v >> s) >>> 0;
}

const join = (hi: number, lo: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

export const SHIFTS = {
  /** `x << n` for 32-bit x (signed results are normalized by the caller's `|0`). */
  shl32(x: number, n: number): number {
    return lsl(x, n);
  },
  shr32u(x: number, n: number): number {
    return lsr(x >>> 0, n);
  },
  shr32s(x: number, n: number): number {
    return asr(x | 0, n) | 0;
  },
  /** `x << n` for 64-bit x: `signed` picks the result's representation. */
  shl64(x: bigint, n: number, signed: boolean): bigint {
    n |= 0;
    let r: bigint;
    if (n >= 0 && n < 64) r = x << BigInt(n);
    else {
      const lo = Number(x & 0xffffffffn);
      const hi = Number((x >> 32n) & 0xffffffffn);
      r = join(lsl(hi, n) | lsr(lo, 32 - n) | lsl(lo, n - 32), lsl(lo, n));
    }
    return signed ? BigInt.asIntN(64, r) : BigInt.asUintN(64, r);
  },
  /** `x >> n` for 64-bit x: arithmetic when `signed`. */
  shr64(x: bigint, n: number, signed: boolean): bigint {
    n |= 0;
    if (n >= 0 && n < 64) return x >> BigInt(n);
    const lo = Number(x & 0xffffffffn);
    const hi = Number((x >> 32n) & 0xffffffffn);
    if (!signed) return join(lsr(hi, n), lsr(lo, n) | lsl(hi, 32 - n) | lsr(hi, n - 32));
    let outLo = lsr(lo, n) | lsl(hi, 32 - n);
    if (n - 32 >= 0) outLo = asr(hi | 0, n - 32);
    return BigInt.asIntN(64, join(asr(hi | 0, n), outLo));
  },
};
