/*
 * Excluded: a store to a PL address no AXI slave decodes. On the board the interconnect answers
 * DECERR and the CPU takes an external abort; QEMU's zynq machine ignores failed transactions.
 */
#include "xil_io.h"
#include "xil_printf.h"

int main(void) {
  xil_printf("before\r\n");
  Xil_Out32(0x44A00000U, 1U);
  xil_printf("after\r\n");
  return 0;
}
