#include "xil_printf.h"
#include "xpseudo_asm.h"

int main(void) {
  for (int i = 1; i <= 3; i++)
    xil_printf("CPU1: this is line %d of 3 from the second Cortex-A9 core\r\n",
               i);
  for (;;) wfe();
}
