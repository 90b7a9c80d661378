#include "xil_io.h"
#include "xil_printf.h"

/* An address in the PL's M_AXI_GP0 range where this design has no AXI slave. */
#define NO_SLAVE 0x43C00000U

int main(void) {
  xil_printf("writing to the PL...\r\n");
  Xil_Out32(NO_SLAVE, 1);
  xil_printf("written\r\n");
  return 0;
}
