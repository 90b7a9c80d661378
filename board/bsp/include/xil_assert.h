/*
 * xil_assert.h: the drivers' argument checks (embeddedsw common/xil_assert.h). A failed check calls
 * Xil_Assert, which spins while Xil_AssertWait is set, as on hardware: the program hangs there.
 */
#ifndef XIL_ASSERT_H
#define XIL_ASSERT_H

#include "xil_types.h"

#define XIL_ASSERT_NONE 0U
#define XIL_ASSERT_OCCURRED 1U

extern u32 Xil_AssertStatus;
extern s32 Xil_AssertWait;
void Xil_Assert(const char8 *File, s32 Line);

#define Xil_AssertVoid(Expression)          \
  {                                         \
    if (Expression) {                       \
      Xil_AssertStatus = XIL_ASSERT_NONE;   \
    } else {                                \
      Xil_Assert(__FILE__, __LINE__);       \
      Xil_AssertStatus = XIL_ASSERT_OCCURRED; \
      return;                               \
    }                                       \
  }

#define Xil_AssertNonvoid(Expression)       \
  {                                         \
    if (Expression) {                       \
      Xil_AssertStatus = XIL_ASSERT_NONE;   \
    } else {                                \
      Xil_Assert(__FILE__, __LINE__);       \
      Xil_AssertStatus = XIL_ASSERT_OCCURRED; \
      return XIL_ASSERT_OCCURRED;           \
    }                                       \
  }

#define Xil_AssertVoidAlways()              \
  {                                         \
    Xil_Assert(__FILE__, __LINE__);         \
    Xil_AssertStatus = XIL_ASSERT_OCCURRED; \
    return;                                 \
  }

#endif
