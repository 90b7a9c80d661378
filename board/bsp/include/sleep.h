/*
 * sleep.h: busy-wait delays on the global timer (embeddedsw cortexa9/sleep.c, common/sleep.h).
 */
#ifndef SLEEP_H
#define SLEEP_H

#include "xil_types.h"

int usleep(ULONG useconds);
unsigned sleep(unsigned int seconds);

#endif
