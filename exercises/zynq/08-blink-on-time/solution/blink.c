#include "sleep.h"
#include "xil_io.h"
#include "xil_printf.h"
#include "xparameters.h"

#define GPIO_DATA (XPAR_AXI_GPIO_0_BASEADDR + 0x0) /* channel 1: the LEDs */
#define GPIO_TRI (XPAR_AXI_GPIO_0_BASEADDR + 0x4)  /* channel 1's direction, 1 = input */

/* Waits 100 ms of real time. */
static void wait_100ms(void) {
  /*
   * usleep counts the global timer (embeddedsw sleep.c, via XTime_GetTime), which ticks at a
   * fixed rate whatever the loop around it costs. A counted busy loop only takes as long as its
   * instructions happen to, which changes with the compiler, the caches and the clock.
   */
  usleep(100000);
}

int main(void) {
  u32 leds = 0;
  Xil_Out32(GPIO_TRI, 0x00);
  Xil_Out32(GPIO_DATA, leds);
  for (int i = 0; i < 10; i++) {
    wait_100ms();
    leds ^= 0x01; /* LED0 only: on, off, on, ... */
    Xil_Out32(GPIO_DATA, leds);
  }
  xil_printf("blinked 5 times\r\n");
  return 0;
}
