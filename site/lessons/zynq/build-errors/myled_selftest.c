/*
 * myled_selftest.c: a self-test in the custom IP's driver (drivers/myled_v1_0/src/), compiled
 * by the driver's own src/Makefile when the BSP is built.
 */
#include "xil_printf.h"
#include "myled.h"

int MYLED_Reg_SelfTest(UINTPTR baseaddr) {
  xil_printf("MYLED self-test at 0x%08x\r\n", baseaddr);
  return XST_SUCCESS;
}
