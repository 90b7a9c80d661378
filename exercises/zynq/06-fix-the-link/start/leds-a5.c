#include "xil_printf.h"
#include "xil_types.h"
#include "xparameters.h"

/*
 * Copied from a forum post written for an older BSP, whose xil_io.h declared these and whose
 * xil_io.c defined them.
 */
// TODO: this program does not link with today's BSP; read ld's message and fix it here
void Xil_Out32(UINTPTR Addr, u32 Value);
u32 Xil_In32(UINTPTR Addr);

#define GPIO_DATA (XPAR_AXI_GPIO_0_BASEADDR + 0x0) /* channel 1: the LEDs */
#define GPIO_TRI (XPAR_AXI_GPIO_0_BASEADDR + 0x4)  /* channel 1's direction, 1 = input */

int main(void) {
  Xil_Out32(GPIO_TRI, 0x00); /* the eight LED pins are outputs */
  Xil_Out32(GPIO_DATA, 0xA5);
  u32 back = Xil_In32(GPIO_DATA);
  if (back != 0xA5) {
    xil_printf("ERROR: the LEDs read back 0x%02x\r\n", back);
    return 1;
  }
  xil_printf("LEDs = 0x%02x\r\n", back);
  return 0;
}
