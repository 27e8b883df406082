#!/bin/sh
# Stands in for an eligible binary that crashes part way through a partition (`make spark-demo`
# shows that this fails the Spark job): usage `crash-mid-partition.sh ELIGIBLE ARGS...`.
# It decides the first 3 rows it is given with the real binary, reads the rest without
# deciding them, then dies of SIGSEGV, as a crashing process would.
eligible="$1"
shift
head -n 3 | "$eligible" "$@"
cat > /dev/null
kill -SEGV $$
