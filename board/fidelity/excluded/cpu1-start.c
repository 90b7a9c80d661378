/*
 * Excluded: CPU0 starts CPU1 through 0xFFFFFFF0 and SEV (UG585 6.1.10). QEMU's xilinx-zynq-a9 has
 * one CPU before QEMU 10 (QEMU 7.2 rejects -smp 2).
 */
#include "xil_io.h"
#include "xil_printf.h"

void cpu1_main(void) {
  Xil_Out32(0xFFFF0000U, 1U);
  for (;;) wfe();
}

int main(void) {
  Xil_Out32(0xFFFF0000U, 0U);
  Xil_Out32(0xFFFFFFF0U, (u32)cpu1_main);
  dsb();
  sev();
  while (Xil_In32(0xFFFF0000U) == 0U) {
  }
  xil_printf("CPU1 started\r\n");
  return 0;
}
