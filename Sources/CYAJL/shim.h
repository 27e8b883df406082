/* shim.h: Debian's YAJL (libyajl-dev), the streaming JSON parser batch rows are read with. */
#ifndef ELIGIBLE_CYAJL_SHIM_H
#define ELIGIBLE_CYAJL_SHIM_H
#include <yajl/yajl_parse.h>
#endif
