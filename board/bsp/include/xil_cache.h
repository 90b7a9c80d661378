/*
 * xil_cache.h: cache maintenance (embeddedsw cortexa9/xil_cache.h). The simulated board has no
 * caches, so memory is always coherent and these do nothing; programs still call them where real
 * hardware needs them (before a DMA or another CPU reads, after one writes).
 */
#ifndef XIL_CACHE_H
#define XIL_CACHE_H

#include "xil_types.h"

void Xil_DCacheEnable(void);
void Xil_DCacheDisable(void);
void Xil_DCacheInvalidate(void);
void Xil_DCacheInvalidateRange(INTPTR adr, u32 len);
void Xil_DCacheFlush(void);
void Xil_DCacheFlushRange(INTPTR adr, u32 len);
void Xil_ICacheEnable(void);
void Xil_ICacheDisable(void);
void Xil_ICacheInvalidate(void);
void Xil_ICacheInvalidateRange(INTPTR adr, u32 len);

#endif
