#include "xparameters.h"
#include "xil_printf.h"
#include "myled.h"

/* The AXI GPIO stands in for the custom IP here: its first register drives the LEDs. */
#define MYLED_BASEADDR XPAR_AXI_GPIO_0_BASEADDR

int main(void) {
  MYLED_mWriteReg(MYLED_BASEADDR, 4, 0x00); /* the GPIO's tri-state register: outputs */
  MYLED_mWriteReg(MYLED_BASEADDR, MYLED_S00_AXI_SLV_REG0_OFFSET, 0x5A);
  xil_printf("LEDs = 0x%02x\r\n", MYLED_mReadReg(MYLED_BASEADDR, MYLED_S00_AXI_SLV_REG0_OFFSET));
  return 0;
}
