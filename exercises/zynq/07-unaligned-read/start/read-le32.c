#include "xil_io.h"
#include "xil_types.h"

/*
 * Returns the 32-bit little-endian value stored in the four bytes at addr, addr + 1, addr + 2
 * and addr + 3 of the AXI BRAM, whatever addr's alignment.
 */
u32 read_le32(u32 addr) {
  // TODO: the board stops on some addresses; read its fault report and fix this line
  return Xil_In32(addr);
}
