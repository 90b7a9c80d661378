/*
 * Excluded: an unaligned word load from the PL window, Strongly-ordered under the BSP's table. A
 * Cortex-A9 takes an alignment fault (ARM ARM v7-A A3.2.1); QEMU 7.2 and 10 load the word.
 */
#include "xil_io.h"
#include "xil_printf.h"

int main(void) {
  xil_printf("before\r\n");
  xil_printf("0x%08x\r\n", Xil_In32(0x40000002U));
  return 0;
}
