/* The private timer's interrupt (ID 29) in auto-reload mode: five ticks, counted in the handler. */
#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"
#include "xscutimer.h"

static XScuGic gic;
static XScuTimer timer;
static volatile int ticks;

static void tick(void *ref) {
  XScuTimer *t = (XScuTimer *)ref;
  if (XScuTimer_IsExpired(t)) {
    XScuTimer_ClearInterruptStatus(t);
    ticks++;
  }
}

int main(void) {
  XScuGic_Config *gc = XScuGic_LookupConfig(XPAR_SCUGIC_0_DEVICE_ID);
  XScuGic_CfgInitialize(&gic, gc, gc->CpuBaseAddress);
  XScuTimer_Config *tc = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  XScuTimer_CfgInitialize(&timer, tc, tc->BaseAddr);
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_INT, (Xil_ExceptionHandler)XScuGic_InterruptHandler,
                               &gic);
  XScuGic_Connect(&gic, XPAR_SCUTIMER_INTR, tick, &timer);
  XScuGic_Enable(&gic, XPAR_SCUTIMER_INTR);
  XScuTimer_EnableAutoReload(&timer);
  XScuTimer_LoadTimer(&timer, 100000U);
  XScuTimer_EnableInterrupt(&timer);
  Xil_ExceptionEnable();
  XScuTimer_Start(&timer);
  int last = 0;
  while (last < 5) {
    wfi();
    if (ticks != last) {
      last = ticks;
      xil_printf("tick %d\r\n", last);
    }
  }
  XScuTimer_Stop(&timer);
  xil_printf("stopped after %d ticks\r\n", last);
  return 0;
}
