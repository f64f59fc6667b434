#!/usr/bin/env bash
# Wall time of the same 8 runs of experiments/smoke-blobs.yaml (seeds 1-8) made four ways: one `unlearn run` after
# another (as the table scripts do with JOBS=1), two at a time (JOBS=2), and as one `unlearn grid` in local[1] and
# local[2]. Runs go to a temporary directory; prints one line per way (seconds). Usage: experiments/grid-timing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./unlearn list > /dev/null                                   # build first, outside the timings
t() { local s; s=$(date +%s.%N); "$@" > /dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
run() { ./unlearn run experiments/smoke-blobs.yaml --set output="$out/$1" --set seed="$2" --run-id "seed-$2" \
  --no-progress; }
export -f run
export out
echo "shell, one at a time: $(t bash -c 'for s in 1 2 3 4 5 6 7 8; do run a "$s"; done') s"
echo "shell, two at a time: $(t bash -c 'printf "%s\n" 1 2 3 4 5 6 7 8 | xargs -P 2 -I{} bash -c "run b {}"') s"
for m in 1 2; do
  echo "grid, local[$m]: $(t ./unlearn grid experiments/smoke-blobs.yaml --set output="$out/g$m" \
    --sweep seed=1,2,3,4,5,6,7,8 --master "local[$m]") s"
done
