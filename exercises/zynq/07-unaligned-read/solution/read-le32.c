#include "xil_io.h"
#include "xil_types.h"

/*
 * Returns the 32-bit little-endian value stored in the four bytes at addr, addr + 1, addr + 2
 * and addr + 3 of the AXI BRAM, whatever addr's alignment.
 */
u32 read_le32(u32 addr) {
  /*
   * The BRAM is mapped Strongly-ordered, where an unaligned word access is an alignment fault
   * whatever SCTLR.A says (ARM ARM v7-A A3.2.1): Xil_In32 on addr = base + 1 aborts. Byte reads
   * are always aligned; the first byte is the least significant one (little-endian).
   */
  return (u32)Xil_In8(addr) | ((u32)Xil_In8(addr + 1) << 8) | ((u32)Xil_In8(addr + 2) << 16) |
         ((u32)Xil_In8(addr + 3) << 24);
}
