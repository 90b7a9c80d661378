/* A software-generated interrupt (SGI 3) to this CPU through the GIC driver and its handler. */
#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"

static XScuGic gic;
static volatile int taken;
static volatile u32 seen;

static void sgi_handler(void *ref) {
  (void)ref;
  taken++;
  seen = 3;
}

int main(void) {
  XScuGic_Config *cfg = XScuGic_LookupConfig(XPAR_SCUGIC_0_DEVICE_ID);
  int status = XScuGic_CfgInitialize(&gic, cfg, cfg->CpuBaseAddress);
  xil_printf("init %d\r\n", status);
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_INT, (Xil_ExceptionHandler)XScuGic_InterruptHandler,
                               &gic);
  XScuGic_Connect(&gic, 3, sgi_handler, &gic);
  XScuGic_Enable(&gic, 3);
  Xil_ExceptionEnable();
  for (int i = 0; i < 3; i++) {
    XScuGic_SoftwareIntr(&gic, 3, 1U);
    while (taken <= i) {
    }
    xil_printf("sgi %d taken, id %d\r\n", taken, (int)seen);
  }
  XScuGic_Disable(&gic, 3);
  Xil_ExceptionDisable();
  xil_printf("done\r\n");
  return 0;
}
