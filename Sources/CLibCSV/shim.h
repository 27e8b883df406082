/* shim.h: Debian's libcsv (libcsv-dev), the strict CSV parser batch registers are read with. */
#ifndef ELIGIBLE_CLIBCSV_SHIM_H
#define ELIGIBLE_CLIBCSV_SHIM_H
#include <csv.h>
#endif
