/*
 * The AXI GPIO driver (embeddedsw drivers/gpio/src/xgpio.c, xgpio_extra.c, xgpio_intr.c,
 * xgpio_sinit.c, xgpio_g.c), written for ShuffleNet Lab.
 */
#include "xgpio.h"
#include "xparameters.h"

XGpio_Config XGpio_ConfigTable[XPAR_XGPIO_NUM_INSTANCES] = {
    {XPAR_AXI_GPIO_0_DEVICE_ID, XPAR_AXI_GPIO_0_BASEADDR, XPAR_AXI_GPIO_0_INTERRUPT_PRESENT,
     XPAR_AXI_GPIO_0_IS_DUAL},
    {XPAR_AXI_GPIO_1_DEVICE_ID, XPAR_AXI_GPIO_1_BASEADDR, XPAR_AXI_GPIO_1_INTERRUPT_PRESENT,
     XPAR_AXI_GPIO_1_IS_DUAL},
};

XGpio_Config *XGpio_LookupConfig(u16 DeviceId) {
  u32 i;
  for (i = 0U; i < (u32)XPAR_XGPIO_NUM_INSTANCES; i++) {
    if (XGpio_ConfigTable[i].DeviceId == DeviceId) return &XGpio_ConfigTable[i];
  }
  return NULL;
}

int XGpio_CfgInitialize(XGpio *InstancePtr, XGpio_Config *Config, UINTPTR EffectiveAddr) {
  Xil_AssertNonvoid(InstancePtr != NULL);
  InstancePtr->BaseAddress = EffectiveAddr;
  InstancePtr->InterruptPresent = Config->InterruptPresent;
  InstancePtr->IsDual = Config->IsDual;
  InstancePtr->IsReady = XIL_COMPONENT_IS_READY;
  return XST_SUCCESS;
}

int XGpio_Initialize(XGpio *InstancePtr, u16 DeviceId) {
  XGpio_Config *ConfigPtr;
  Xil_AssertNonvoid(InstancePtr != NULL);
  ConfigPtr = XGpio_LookupConfig(DeviceId);
  if (ConfigPtr == (XGpio_Config *)NULL) {
    InstancePtr->IsReady = 0;
    return XST_DEVICE_NOT_FOUND;
  }
  return XGpio_CfgInitialize(InstancePtr, ConfigPtr, ConfigPtr->BaseAddress);
}

static u32 ChannelOffset(unsigned Channel) { return ((u32)Channel - 1U) * XGPIO_CHAN_OFFSET; }

void XGpio_SetDataDirection(XGpio *InstancePtr, unsigned Channel, u32 DirectionMask) {
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertVoid((Channel == 1U) || ((Channel == 2U) && (InstancePtr->IsDual == 1)));
  XGpio_WriteReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_TRI_OFFSET, DirectionMask);
}

u32 XGpio_GetDataDirection(XGpio *InstancePtr, unsigned Channel) {
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertNonvoid((Channel == 1U) || ((Channel == 2U) && (InstancePtr->IsDual == 1)));
  return XGpio_ReadReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_TRI_OFFSET);
}

u32 XGpio_DiscreteRead(XGpio *InstancePtr, unsigned Channel) {
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertNonvoid((Channel == 1U) || ((Channel == 2U) && (InstancePtr->IsDual == 1)));
  return XGpio_ReadReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET);
}

void XGpio_DiscreteWrite(XGpio *InstancePtr, unsigned Channel, u32 Mask) {
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertVoid((Channel == 1U) || ((Channel == 2U) && (InstancePtr->IsDual == 1)));
  XGpio_WriteReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET, Mask);
}

void XGpio_DiscreteSet(XGpio *InstancePtr, unsigned Channel, u32 Mask) {
  u32 Current = XGpio_ReadReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET);
  XGpio_WriteReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET, Current | Mask);
}

void XGpio_DiscreteClear(XGpio *InstancePtr, unsigned Channel, u32 Mask) {
  u32 Current = XGpio_ReadReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET);
  XGpio_WriteReg(InstancePtr->BaseAddress, ChannelOffset(Channel) + XGPIO_DATA_OFFSET, Current & ~Mask);
}

void XGpio_InterruptGlobalEnable(XGpio *InstancePtr) {
  XGpio_WriteReg(InstancePtr->BaseAddress, XGPIO_GIE_OFFSET, XGPIO_GIE_GINTR_ENABLE_MASK);
}

void XGpio_InterruptGlobalDisable(XGpio *InstancePtr) {
  XGpio_WriteReg(InstancePtr->BaseAddress, XGPIO_GIE_OFFSET, 0x0);
}

void XGpio_InterruptEnable(XGpio *InstancePtr, u32 Mask) {
  u32 Register = XGpio_ReadReg(InstancePtr->BaseAddress, XGPIO_IER_OFFSET);
  XGpio_WriteReg(InstancePtr->BaseAddress, XGPIO_IER_OFFSET, Register | Mask);
}

void XGpio_InterruptDisable(XGpio *InstancePtr, u32 Mask) {
  u32 Register = XGpio_ReadReg(InstancePtr->BaseAddress, XGPIO_IER_OFFSET);
  XGpio_WriteReg(InstancePtr->BaseAddress, XGPIO_IER_OFFSET, Register & ~Mask);
}

/* The ISR toggles on write: write back only the bits that are set, so they clear. */
void XGpio_InterruptClear(XGpio *InstancePtr, u32 Mask) {
  u32 Register = XGpio_ReadReg(InstancePtr->BaseAddress, XGPIO_ISR_OFFSET);
  XGpio_WriteReg(InstancePtr->BaseAddress, XGPIO_ISR_OFFSET, Register & Mask);
}

u32 XGpio_InterruptGetStatus(XGpio *InstancePtr) {
  return XGpio_ReadReg(InstancePtr->BaseAddress, XGPIO_ISR_OFFSET);
}
