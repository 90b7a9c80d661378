/**
 * Plain memory: DDR, OCM banks and block RAM. Little-endian, any width at any offset (the bus has
 * already refused what the memory type forbids).
 *
 * Reference: UG585 chapter 10 (DDR memory controller) and chapter 29 (on-chip memory); the
 * Cortex-A9 runs little-endian under the Xilinx BSP (SCTLR.EE = 0).
 */
import type { BusDevice, Width } from '../bus.ts';

export class Ram implements BusDevice {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  /** `bytes` may be a view into a larger memory (an OCM bank into the OCM). */
  constructor(sizeOrBytes: number | Uint8Array) {
    this.bytes = typeof sizeOrBytes === 'number' ? new Uint8Array(sizeOrBytes) : sizeOrBytes;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, width: Width): number {
    if (width === 1) return this.bytes[offset]!;
    if (width === 2) return this.view.getUint16(offset, true);
    return this.view.getUint32(offset, true);
  }

  write(offset: number, value: number, width: Width): void {
    if (width === 1) this.bytes[offset] = value;
    else if (width === 2) this.view.setUint16(offset, value, true);
    else this.view.setUint32(offset, value >>> 0, true);
  }
}
