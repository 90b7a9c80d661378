/*
 * Memory types under the BSP's table: a DDR section made Normal non-cacheable, then an unaligned
 * word load from Normal memory (allowed with SCTLR.A = 0: the core splits it).
 */
#include "xil_io.h"
#include "xil_mmu.h"
#include "xil_printf.h"

static u8 buffer[16] __attribute__((aligned(4)));

int main(void) {
  for (int i = 0; i < 16; i++) buffer[i] = (u8)(0x11 * i);
  u32 unaligned = *(volatile u32 *)(void *)(buffer + 2);
  xil_printf("unaligned normal load 0x%08x\r\n", unaligned);
  Xil_SetTlbAttributes(0x01000000U, NORM_NONCACHE);
  Xil_Out32(0x01000000U, 0xA5A5F00DU);
  xil_printf("non-cacheable DDR 0x%08x\r\n", Xil_In32(0x01000000U));
  Xil_SetTlbAttributes(0x01000000U, NORM_WB_CACHE);
  xil_printf("write-back again 0x%08x\r\n", Xil_In32(0x01000000U));
  return 0;
}
