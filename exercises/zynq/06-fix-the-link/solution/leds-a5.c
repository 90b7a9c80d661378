#include "xil_printf.h"
#include "xil_types.h"
#include "xparameters.h"

/*
 * Today's BSP defines Xil_Out32 and Xil_In32 as static inline functions in xil_io.h (embeddedsw
 * lib/bsp/standalone/src/common/xil_io.h, since standalone 6 in 2016): no library has them as
 * functions, so the old prototypes only promise ld a definition that never comes ("undefined
 * reference to `Xil_Out32'"). Including the header gives the compiler the inline definitions.
 */
#include "xil_io.h"

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
