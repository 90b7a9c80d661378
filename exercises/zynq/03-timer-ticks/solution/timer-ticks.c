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
  /* Clear the event flag, or the level-sensitive PPI 29 interrupts again at once. */
  XScuTimer_ClearInterruptStatus(t);
  ticks++;
}

int main(void) {
  XScuGic_Config *gic_cfg = XScuGic_LookupConfig(XPAR_SCUGIC_SINGLE_DEVICE_ID);
  if (XScuGic_CfgInitialize(&gic, gic_cfg, gic_cfg->CpuBaseAddress) != XST_SUCCESS) return 1;
  Xil_ExceptionInit();
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_IRQ_INT,
                               (Xil_ExceptionHandler)XScuGic_InterruptHandler, &gic);
  XScuGic_Connect(&gic, XPAR_SCUTIMER_INTR, (Xil_InterruptHandler)timer_isr, &timer);
  XScuGic_Enable(&gic, XPAR_SCUTIMER_INTR);

  XScuTimer_Config *timer_cfg = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  if (XScuTimer_CfgInitialize(&timer, timer_cfg, timer_cfg->BaseAddr) != XST_SUCCESS) return 1;
  XScuTimer_LoadTimer(&timer, TIMER_LOAD);
  XScuTimer_EnableAutoReload(&timer);
  XScuTimer_EnableInterrupt(&timer);
  XScuTimer_Start(&timer);
  Xil_ExceptionEnable();

  /*
   * Sleep until the fifth interrupt: the ISR counts, main only waits (WFI wakes on each
   * interrupt). Then stop the timer, so that no sixth tick comes while the line is printed.
   */
  while (ticks < 5) {
    wfi();
  }
  XScuTimer_Stop(&timer);
  xil_printf("done after %d ticks\r\n", ticks);
  return 0;
}
