/**
 * Loads and stores as the compiled C code performs them: little-endian, through the Bus, with a
 * fast path straight into the first RAM region's typed arrays when the address is inside it and
 * naturally aligned. Everything else (devices, OCM, unaligned RAM words) takes the Bus, with the
 * access's alignment, so a device can refuse it.
 */
import { BusFault, type Access, type Bus } from './bus.ts';

export interface Memory {
  /** The CPU whose code is running; set by the machine before each slice. */
  cpu: number;
  r8(a: number): number;
  r8s(a: number): number;
  r16(a: number): number;
  r16s(a: number): number;
  r32(a: number): number;
  r64(a: number): bigint;
  r64s(a: number): bigint;
  rf32(a: number): number;
  rf64(a: number): number;
  w8(a: number, v: number): void;
  w16(a: number, v: number): void;
  w32(a: number, v: number): void;
  w64(a: number, v: bigint): void;
  wf32(a: number, v: number): void;
  wf64(a: number, v: number): void;
  copy(dst: number, src: number, n: number): void;
  fill(dst: number, byte: number, n: number): void;
}

export function createMemory(bus: Bus): Memory {
  const region = bus.ram[0];
  const base = region?.base ?? 0;
  const bytes = region?.bytes ?? new Uint8Array(8);
  const size = region ? bytes.length : 0;
  const buf = bytes.buffer;
  const off = bytes.byteOffset;
  const U8 = bytes;
  const I8 = new Int8Array(buf, off, size);
  const U16 = new Uint16Array(buf, off, size >> 1);
  const I16 = new Int16Array(buf, off, size >> 1);
  const I32 = new Int32Array(buf, off, size >> 2);
  const F32 = new Float32Array(buf, off, size >> 2);
  const DV = new DataView(buf, off, size);
  const accesses: Access[][] = [];
  const access = (aligned: boolean): Access => {
    const row = (accesses[mem.cpu] ??= [
      { cpu: mem.cpu, aligned: false },
      { cpu: mem.cpu, aligned: true },
    ]);
    return row[aligned ? 1 : 0]!;
  };
  const r8 = (a: number): number => {
    const o = a - base;
    if (o >>> 0 < size) return U8[o]!;
    return bus.read8(a >>> 0, access(true)) & 0xff;
  };
  const r16 = (a: number): number => {
    const o = a - base;
    if (o >>> 0 < size - 1 && (o & 1) === 0) return U16[o >> 1]!;
    if (a & 1 && !inRam(a, 2)) return bus.read16(a >>> 0, access(false)) & 0xffff;
    if (a & 1) return r8(a) | (r8(a + 1) << 8);
    return bus.read16(a >>> 0, access(true)) & 0xffff;
  };
  const r32 = (a: number): number => {
    const o = a - base;
    if (o >>> 0 < size - 3 && (o & 3) === 0) return I32[o >> 2]!;
    if (a & 3 && inRam(a, 4))
      return r8(a) | (r8(a + 1) << 8) | (r8(a + 2) << 16) | (r8(a + 3) << 24);
    return bus.read32(a >>> 0, access((a & 3) === 0)) | 0;
  };
  const w8 = (a: number, v: number): void => {
    const o = a - base;
    if (o >>> 0 < size) U8[o] = v;
    else bus.write8(a >>> 0, v & 0xff, access(true));
  };
  const w16 = (a: number, v: number): void => {
    const o = a - base;
    if (o >>> 0 < size - 1 && (o & 1) === 0) U16[o >> 1] = v;
    else if (a & 1 && inRam(a, 2)) {
      w8(a, v);
      w8(a + 1, v >> 8);
    } else bus.write16(a >>> 0, v & 0xffff, access((a & 1) === 0));
  };
  const w32 = (a: number, v: number): void => {
    const o = a - base;
    if (o >>> 0 < size - 3 && (o & 3) === 0) I32[o >> 2] = v;
    else if (a & 3 && inRam(a, 4)) {
      w8(a, v);
      w8(a + 1, v >> 8);
      w8(a + 2, v >> 16);
      w8(a + 3, v >> 24);
    } else bus.write32(a >>> 0, v >>> 0, access((a & 3) === 0));
  };
  /** True when every byte of the access is plain RAM (where unaligned access is legal). */
  const inRam = (a: number, n: number): boolean =>
    bus.ram.some((r) => a - r.base >= 0 && a - r.base + n <= r.bytes.length);
  const mem: Memory = {
    cpu: 0,
    r8,
    r8s: (a) => (r8(a) << 24) >> 24,
    r16,
    r16s: (a) => (r16(a) << 16) >> 16,
    r32,
    r64: (a) => {
      const o = a - base;
      if (o >>> 0 < size - 7) return DV.getBigUint64(o, true);
      return BigInt(r32(a) >>> 0) | (BigInt(r32(a + 4) >>> 0) << 32n);
    },
    r64s: (a) => BigInt.asIntN(64, mem.r64(a)),
    rf32: (a) => {
      const o = a - base;
      if (o >>> 0 < size - 3 && (o & 3) === 0) return F32[o >> 2]!;
      scratch.setInt32(0, r32(a), true);
      return scratch.getFloat32(0, true);
    },
    rf64: (a) => {
      const o = a - base;
      if (o >>> 0 < size - 7) return DV.getFloat64(o, true);
      scratch.setInt32(0, r32(a), true);
      scratch.setInt32(4, r32(a + 4), true);
      return scratch.getFloat64(0, true);
    },
    w8,
    w16,
    w32,
    w64: (a, v) => {
      const o = a - base;
      if (o >>> 0 < size - 7) DV.setBigUint64(o, BigInt.asUintN(64, v), true);
      else {
        w32(a, Number(BigInt.asIntN(32, v)));
        w32(a + 4, Number(BigInt.asIntN(32, v >> 32n)));
      }
    },
    wf32: (a, v) => {
      const o = a - base;
      if (o >>> 0 < size - 3 && (o & 3) === 0) F32[o >> 2] = v;
      else {
        scratch.setFloat32(0, v, true);
        w32(a, scratch.getInt32(0, true));
      }
    },
    wf64: (a, v) => {
      const o = a - base;
      if (o >>> 0 < size - 7) DV.setFloat64(o, v, true);
      else {
        scratch.setFloat64(0, v, true);
        w32(a, scratch.getInt32(0, true));
        w32(a + 4, scratch.getInt32(4, true));
      }
    },
    copy: (dst, src, n) => {
      const d = dst - base;
      const s = src - base;
      if (d >= 0 && s >= 0 && d + n <= size && s + n <= size) U8.copyWithin(d, s, s + n);
      else {
        // Bytewise through the bus, in the direction memmove would use.
        if (dst < src) for (let i = 0; i < n; i++) w8(dst + i, r8(src + i));
        else for (let i = n - 1; i >= 0; i--) w8(dst + i, r8(src + i));
      }
    },
    fill: (dst, byte, n) => {
      const d = dst - base;
      if (d >= 0 && d + n <= size) U8.fill(byte, d, d + n);
      else for (let i = 0; i < n; i++) w8(dst + i, byte);
    },
  };
  void I8;
  void I16;
  return mem;
}

const scratch = new DataView(new ArrayBuffer(8));

export { BusFault };
