#include "xil_printf.h"

#define BELL 0x07

/*
 * Reads one line from UART1 into buf (at most size - 1 characters and a '\0'), echoing it as a
 * terminal expects, and returns its length.
 */
int read_line(char *buf, int size) {
  int n = 0;
  (void)size;
  for (;;) {
    char c = inbyte();
    if (c == '\r') {
      xil_printf("\r\n");
      buf[n] = '\0';
      return n;
    }
    // TODO: Backspace (BS or DEL), a full buffer (BELL), LF and CR LF as Enter, other control keys
    buf[n++] = c;
    outbyte(c);
  }
}
