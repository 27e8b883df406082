/* shim.h: Debian's libyaml (libyaml-dev), whose event parser the YAML reader uses. */
#ifndef ELIGIBLE_CLIBYAML_SHIM_H
#define ELIGIBLE_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
