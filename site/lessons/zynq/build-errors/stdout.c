#include "xparameters.h"
#include "xil_printf.h"

int main(void) {
  /* xparameters.h has STDOUT_BASEADDRESS only when the BSP settings name a stdout device. */
#ifdef STDOUT_BASEADDRESS
  xil_printf("stdout at 0x%08x\r\n", STDOUT_BASEADDRESS);
#endif
  xil_printf("hello from main\r\n");
  return 0;
}
