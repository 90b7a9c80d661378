#include "sleep.h"
#include "xgpio.h"
#include "xparameters.h"

#define LED_CHANNEL 1    /* AXI GPIO channel 1: the eight LEDs */
#define SWITCH_CHANNEL 2 /* channel 2: the eight slide switches */

int main(void) {
  XGpio gpio;
  if (XGpio_Initialize(&gpio, XPAR_AXI_GPIO_0_DEVICE_ID) != XST_SUCCESS) {
    return 1;
  }
  // TODO: make channel 1's pins outputs and channel 2's inputs (XGpio_SetDataDirection)
  for (;;) {
    // TODO: show the switches (channel 2) on the LEDs (channel 1)
    XGpio_DiscreteWrite(&gpio, LED_CHANNEL, 0x01);
    usleep(100);
  }
}
