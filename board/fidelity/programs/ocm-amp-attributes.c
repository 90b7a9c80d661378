/*
 * OCM at 0xFFFF0000 remapped with XAPP1079's attributes (0x14de2, shareable non-cacheable), as an
 * AMP program does for its shared flags, then written and read back word by word and byte by byte.
 */
#include "xil_io.h"
#include "xil_mmu.h"
#include "xil_printf.h"

#define OCM_HIGH 0xFFFF0000U

int main(void) {
  u32 sum = 0;
  Xil_SetTlbAttributes(OCM_HIGH, 0x14de2);
  for (u32 i = 0; i < 64; i++) Xil_Out32(OCM_HIGH + 4 * i, i * 0x01010101U);
  for (u32 i = 0; i < 64; i++) sum += Xil_In32(OCM_HIGH + 4 * i);
  xil_printf("words sum 0x%08x\r\n", sum);
  Xil_Out8(OCM_HIGH + 1, 0xAB);
  xil_printf("byte lanes 0x%08x\r\n", Xil_In32(OCM_HIGH));
  Xil_Out16(OCM_HIGH + 2, 0x1234);
  xil_printf("halfword lanes 0x%08x\r\n", Xil_In32(OCM_HIGH));
  return 0;
}
