/* xil_printf's conversions and padding, and outbyte, through UART1's TX FIFO. */
#include "xil_printf.h"

int main(void) {
  int i;
  xil_printf("signed %d %d %d\r\n", 0, -1, 2147483647);
  xil_printf("unsigned %u hex %x %X %08x\r\n", 4000000000u, 0xdeadu, 0xBEEFu, 0x1234u);
  xil_printf("text [%s] [%10s] [%-6s] char %c%c\r\n", "zynq", "right", "left", 'o', 'k');
  xil_printf("pad [%5d] [%-5d] [%05d] percent %%\r\n", 42, 42, 42);
  xil_printf("long %ld %lx\r\n", -123456L, 0xCAFEL);
  for (i = 0; i < 200; i++) outbyte((char8)('a' + i % 26));
  xil_printf("\r\nend of a 200-byte burst, more than three TX FIFOs\r\n");
  return 0;
}
