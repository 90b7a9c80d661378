#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xpseudo_asm.h"
#include "xscugic.h"
#include "xscutimer.h"

#define TICK_HZ 10
/* The private timer counts at half the CPU clock (UG585 8.2.1: CPU_3x2x). */
#define TIMER_CLOCK_HZ (XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ / 2)
/* With prescaler 0 one period is LOAD + 1 counts (UG585 8.2.1). */
#define TIMER_LOAD (TIMER_CLOCK_HZ / TICK_HZ - 1)

static XScuGic gic;
static XScuTimer timer;
static volatile u32 ticks; /* written by the ISR, read by main: volatile */

static void timer_isr(void *ref) {
  XScuTimer *t = (XScuTimer *)ref;
  // TODO: clear the timer's event flag and count the tick
  (void)t;
}

int main(void) {
  XScuGic_Config *gic_cfg = XScuGic_LookupConfig(XPAR_SCUGIC_SINGLE_DEVICE_ID);
  if (XScuGic_CfgInitialize(&gic, gic_cfg, gic_cfg->CpuBaseAddress) != XST_SUCCESS) return 1;
  Xil_ExceptionInit();
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_IRQ_INT,
                               (Xil_ExceptionHandler)XScuGic_InterruptHandler, &gic);
  // TODO: connect the private timer's interrupt (XPAR_SCUTIMER_INTR) to timer_isr and enable it

  XScuTimer_Config *timer_cfg = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  if (XScuTimer_CfgInitialize(&timer, timer_cfg, timer_cfg->BaseAddr) != XST_SUCCESS) return 1;
  XScuTimer_LoadTimer(&timer, TIMER_LOAD);
  // TODO: make the timer reload itself and interrupt, then start it
  Xil_ExceptionEnable();

  // TODO: wait until the ISR has counted five ticks (wfi() sleeps until the next interrupt)
  XScuTimer_Stop(&timer);
  xil_printf("done after %d ticks\r\n", ticks);
  return 0;
}
