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
  /*
   * GPIO_TRI resets to all ones (every pin an input, PG144 "Register Space"): the LEDs stay dark
   * until channel 1's bits are cleared, whatever is written to GPIO_DATA.
   */
  XGpio_SetDataDirection(&gpio, LED_CHANNEL, 0x00);
  XGpio_SetDataDirection(&gpio, SWITCH_CHANNEL, 0xFF);
  for (;;) {
    XGpio_DiscreteWrite(&gpio, LED_CHANNEL, XGpio_DiscreteRead(&gpio, SWITCH_CHANNEL));
    usleep(100); /* poll every 0.1 ms: well within the 1 ms the task allows */
  }
}
