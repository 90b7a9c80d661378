/* Excluded: the LEDs on the course design's AXI GPIO. QEMU's xilinx-zynq-a9 has no PL. */
#include "xgpio.h"
#include "xil_printf.h"
#include "xparameters.h"

static XGpio gpio;

int main(void) {
  XGpio_Initialize(&gpio, XPAR_AXI_GPIO_0_DEVICE_ID);
  XGpio_SetDataDirection(&gpio, 1, 0x00);
  XGpio_DiscreteWrite(&gpio, 1, 0xA5);
  xil_printf("leds 0x%02x\r\n", XGpio_DiscreteRead(&gpio, 1));
  return 0;
}
