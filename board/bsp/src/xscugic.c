/*
 * The GIC driver, doing the register accesses embeddedsw drivers/scugic/src/xscugic.c,
 * xscugic_intr.c and xscugic_sinit.c do on the GICv1 path (embeddedsw drivers/scugic/src). Written for ShuffleNet Lab.
 */
#include "xparameters.h"
#include "xscugic.h"

XScuGic_Config XScuGic_ConfigTable[XPAR_XSCUGIC_NUM_INSTANCES] = {
    {XPAR_PS7_SCUGIC_0_DEVICE_ID, XPAR_PS7_SCUGIC_0_BASEADDR, XPAR_PS7_SCUGIC_0_DIST_BASEADDR, {{0}}},
};

static void StubHandler(void *CallBackRef) {
  XScuGic *InstancePtr = (XScuGic *)CallBackRef;
  InstancePtr->UnhandledInterrupts++;
}

static u32 CpuId(void) { return __cpu_id(); }

XScuGic_Config *XScuGic_LookupConfig(u16 DeviceId) {
  u32 i;
  for (i = 0U; i < (u32)XPAR_XSCUGIC_NUM_INSTANCES; i++) {
    if (XScuGic_ConfigTable[i].DeviceId == DeviceId) return &XScuGic_ConfigTable[i];
  }
  return NULL;
}

void XScuGic_Stop(XScuGic *InstancePtr) { InstancePtr->IsReady = 0U; }

/* Only when the distributor is off: another CPU (or an earlier run) may have set it up. */
static void DistributorInit(XScuGic *InstancePtr) {
  u32 Int_Id;
  if ((XScuGic_DistReadReg(InstancePtr, XSCUGIC_DIST_EN_OFFSET) & XSCUGIC_EN_INT_MASK) != 0U) return;
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_DIST_EN_OFFSET, 0U);
  /* All SPIs level-sensitive, 1-N. */
  for (Int_Id = 32U; Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS; Int_Id = Int_Id + 16U)
    XScuGic_DistWriteReg(InstancePtr, XSCUGIC_INT_CFG_OFFSET_CALC(Int_Id), 0U);
  /* Every interrupt at priority 0xA0. */
  for (Int_Id = 0U; Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS; Int_Id = Int_Id + 4U)
    XScuGic_DistWriteReg(InstancePtr, XSCUGIC_PRIORITY_OFFSET_CALC(Int_Id), 0xA0A0A0A0U);
  /* Every interrupt disabled. */
  for (Int_Id = 0U; Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS; Int_Id = Int_Id + 32U)
    XScuGic_DistWriteReg(InstancePtr, XSCUGIC_EN_DIS_OFFSET_CALC(XSCUGIC_DISABLE_OFFSET, Int_Id),
                         0xFFFFFFFFU);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_DIST_EN_OFFSET, XSCUGIC_EN_INT_MASK);
}

static void CPUInitialize(XScuGic *InstancePtr) {
  XScuGic_CPUWriteReg(InstancePtr, XSCUGIC_CPU_PRIOR_OFFSET, 0xF0U);
  XScuGic_CPUWriteReg(InstancePtr, XSCUGIC_CONTROL_OFFSET, 0x07U);
}

s32 XScuGic_CfgInitialize(XScuGic *InstancePtr, XScuGic_Config *ConfigPtr, u32 EffectiveAddr) {
  u32 Int_Id;
  (void)EffectiveAddr;
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(ConfigPtr != NULL);
  if (InstancePtr->IsReady != XIL_COMPONENT_IS_READY) {
    InstancePtr->IsReady = 0U;
    InstancePtr->Config = ConfigPtr;
    for (Int_Id = 0U; Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS; Int_Id++) {
      if (InstancePtr->Config->HandlerTable[Int_Id].Handler == NULL)
        InstancePtr->Config->HandlerTable[Int_Id].Handler = StubHandler;
      InstancePtr->Config->HandlerTable[Int_Id].CallBackRef = InstancePtr;
    }
    XScuGic_Stop(InstancePtr);
    DistributorInit(InstancePtr);
    CPUInitialize(InstancePtr);
    InstancePtr->IsReady = XIL_COMPONENT_IS_READY;
  }
  return XST_SUCCESS;
}

s32 XScuGic_Connect(XScuGic *InstancePtr, u32 Int_Id, Xil_InterruptHandler Handler, void *CallBackRef) {
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS);
  Xil_AssertNonvoid(Handler != NULL);
  Xil_AssertNonvoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  InstancePtr->Config->HandlerTable[Int_Id].Handler = Handler;
  InstancePtr->Config->HandlerTable[Int_Id].CallBackRef = CallBackRef;
  return XST_SUCCESS;
}

void XScuGic_Disconnect(XScuGic *InstancePtr, u32 Int_Id) {
  u32 Mask;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Mask = 0x00000001U << (Int_Id % 32U);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_DISABLE_OFFSET + ((Int_Id / 32U) * 4U), Mask);
  InstancePtr->Config->HandlerTable[Int_Id].Handler = StubHandler;
  InstancePtr->Config->HandlerTable[Int_Id].CallBackRef = InstancePtr;
}

void XScuGic_InterruptMaptoCpu(XScuGic *InstancePtr, u8 Cpu_Identifier, u32 Int_Id) {
  u32 RegValue;
  u32 Offset;
  if (Int_Id < XSCUGIC_SPI_INT_ID_START) return; /* SGI and PPI targets are fixed */
  RegValue = XScuGic_DistReadReg(InstancePtr, XSCUGIC_SPI_TARGET_OFFSET_CALC(Int_Id));
  Offset = (Int_Id & 0x3U);
  RegValue = RegValue | ((u32)(0x1U << Cpu_Identifier) << (Offset * 8U));
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_SPI_TARGET_OFFSET_CALC(Int_Id), RegValue);
}

void XScuGic_Enable(XScuGic *InstancePtr, u32 Int_Id) {
  u32 Mask;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  XScuGic_InterruptMaptoCpu(InstancePtr, (u8)CpuId(), Int_Id);
  Mask = 0x00000001U << (Int_Id % 32U);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_ENABLE_SET_OFFSET + ((Int_Id / 32U) * 4U), Mask);
}

void XScuGic_Disable(XScuGic *InstancePtr, u32 Int_Id) {
  u32 Mask;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Mask = 0x00000001U << (Int_Id % 32U);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_DISABLE_OFFSET + ((Int_Id / 32U) * 4U), Mask);
}

s32 XScuGic_SoftwareIntr(XScuGic *InstancePtr, u32 Int_Id, u32 Cpu_Identifier) {
  u32 Mask;
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertNonvoid(Int_Id <= 15U);
  Xil_AssertNonvoid(Cpu_Identifier <= 255U);
  Mask = ((Cpu_Identifier << XSCUGIC_SFI_TRIG_CPU_SHIFT) | Int_Id);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_SFI_TRIG_OFFSET, Mask);
  return XST_SUCCESS;
}

void XScuGic_SetPriorityTriggerType(XScuGic *InstancePtr, u32 Int_Id, u8 Priority, u8 Trigger) {
  u32 RegValue;
  u8 LocalPriority = Priority;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Xil_AssertVoid(Int_Id < XSCUGIC_MAX_NUM_INTR_INPUTS);
  Xil_AssertVoid(Trigger <= 3U);
  Xil_AssertVoid(LocalPriority <= 248U);
  /* The priority byte: bits [7:3] only. */
  RegValue = XScuGic_DistReadReg(InstancePtr, XSCUGIC_PRIORITY_OFFSET_CALC(Int_Id));
  LocalPriority = LocalPriority & (u8)XSCUGIC_INTR_PRIO_MASK;
  RegValue &= ~(XSCUGIC_INTR_PRIO_MASK << ((Int_Id % 4U) * 8U));
  RegValue |= (u32)LocalPriority << ((Int_Id % 4U) * 8U);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_PRIORITY_OFFSET_CALC(Int_Id), RegValue);
  /* The two configuration bits: b01 active-high level, b11 rising edge. */
  RegValue = XScuGic_DistReadReg(InstancePtr, XSCUGIC_INT_CFG_OFFSET_CALC(Int_Id));
  RegValue &= ~(XSCUGIC_INT_CFG_MASK << ((Int_Id % 16U) * 2U));
  RegValue |= (u32)Trigger << ((Int_Id % 16U) * 2U);
  XScuGic_DistWriteReg(InstancePtr, XSCUGIC_INT_CFG_OFFSET_CALC(Int_Id), RegValue);
}

void XScuGic_GetPriorityTriggerType(XScuGic *InstancePtr, u32 Int_Id, u8 *Priority, u8 *Trigger) {
  u32 RegValue;
  RegValue = XScuGic_DistReadReg(InstancePtr, XSCUGIC_PRIORITY_OFFSET_CALC(Int_Id));
  *Priority = (u8)((RegValue >> ((Int_Id % 4U) * 8U)) & XSCUGIC_INTR_PRIO_MASK);
  RegValue = XScuGic_DistReadReg(InstancePtr, XSCUGIC_INT_CFG_OFFSET_CALC(Int_Id));
  *Trigger = (u8)((RegValue >> ((Int_Id % 16U) * 2U)) & XSCUGIC_INT_CFG_MASK);
}

/* Acknowledge, call the connected handler, end the interrupt with the full IAR value. */
void XScuGic_InterruptHandler(XScuGic *InstancePtr) {
  u32 InterruptID;
  u32 IntIDFull;
  XScuGic_VectorTableEntry *TablePtr;
  IntIDFull = XScuGic_CPUReadReg(InstancePtr, XSCUGIC_INT_ACK_OFFSET);
  InterruptID = IntIDFull & XSCUGIC_ACK_INTID_MASK;
  if (InterruptID >= XSCUGIC_MAX_NUM_INTR_INPUTS) {
    XScuGic_CPUWriteReg(InstancePtr, XSCUGIC_EOI_OFFSET, IntIDFull);
    return;
  }
  TablePtr = &(InstancePtr->Config->HandlerTable[InterruptID]);
  if (TablePtr != NULL) TablePtr->Handler(TablePtr->CallBackRef);
  XScuGic_CPUWriteReg(InstancePtr, XSCUGIC_EOI_OFFSET, IntIDFull);
}
