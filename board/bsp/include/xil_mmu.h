/*
 * xil_mmu.h: the MMU section attributes and Xil_SetTlbAttributes (embeddedsw cortexa9/xil_mmu.h).
 */
#ifndef XIL_MMU_H
#define XIL_MMU_H

#include "xil_types.h"

#define NORM_NONCACHE 0x11DE2U /* Normal Non-cacheable, shareable */
#define STRONG_ORDERED 0xC02U /* Strongly ordered */
#define DEVICE_MEMORY 0xC06U /* Device memory */
#define RESERVED 0x0U /* Reserved: translation fault */
#define NORM_WT_CACHE 0x16DEAU /* Normal write-through cacheable */
#define NORM_WB_CACHE 0x15DE6U /* Normal write-back cacheable */
#define SHAREABLE (0x1U << 16U)
#define NON_SHAREABLE (~(0x1U << 16U))
#define EXECUTE_NEVER ((0x1U << 4U) | (0x1U << 0U))

void Xil_SetTlbAttributes(INTPTR Addr, u32 attrib);
void Xil_EnableMMU(void);
void Xil_DisableMMU(void);

#endif
