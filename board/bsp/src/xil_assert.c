/* Xil_Assert: spins while Xil_AssertWait is set, as embeddedsw common/xil_assert.c does. */
#include "xil_assert.h"

u32 Xil_AssertStatus;
s32 Xil_AssertWait = 1;

void Xil_Assert(const char8 *File, s32 Line) {
  (void)File;
  (void)Line;
  while (Xil_AssertWait != 0) {
  }
}
