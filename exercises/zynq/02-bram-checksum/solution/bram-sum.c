#include "xil_io.h"
#include "xil_types.h"

/*
 * Returns the sum, modulo 2^32, of the nbytes / 4 32-bit words of the AXI BRAM starting at base
 * (nbytes is a multiple of 4, possibly 0).
 */
u32 bram_sum(u32 base, u32 nbytes) {
  u32 sum = 0;
  /*
   * nbytes counts bytes and the loop steps a word (4 bytes) at a time, so the bound is
   * i < nbytes: i <= nbytes reads the word after the range (and, at the end of the 8 KB BRAM, an
   * address no AXI slave answers), and a step of 1 reads overlapping, unaligned words. u32 arithmetic
   * wraps modulo 2^32 by definition (C11 6.2.5p9), which is the checksum asked for.
   */
  for (u32 i = 0; i < nbytes; i += 4) {
    sum += Xil_In32(base + i);
  }
  return sum;
}
