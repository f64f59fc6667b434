#!/usr/bin/env bash
# The relearning columns (docs/verification.md) in results/verification/: seed 1 of the DeepCUT table's groups, one
# per forget scenario, every attacked classifier method (SISA's ensemble is not attacked), each run followed by a
# 10-step attack at 5e-5 (batch 8) on half the forgotten examples; then ICU and its baselines on the planted forget
# sets, each followed by a 10-step attack at the default 1e-4 (batch 8) on half the forget passages (icu-table.sh
# with RESULTS=results/verification/icu).
#   experiments/relearn-table.sh classification    # the classifier groups only
#   experiments/relearn-table.sh sequence          # the ICU runs only
# A group or run whose directory exists is skipped; uncommitted code is refused, so provenance names a commit.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "relearn-table.sh: the working tree has uncommitted changes; commit first so provenance names the code" >&2
  exit 1
fi
part=${1:-all}
attack=(--set eval.relearn.steps=10 --set eval.relearn.learningRate=5.0e-5 --set eval.relearn.batchSize=8)
methods=deepcut,contrastive-unlearning,finetune,gradient-ascent,random-labels
run() {   # name config methods [--set ...]
  local name="$1" config="$2" ms="$3" todo=()
  shift 3
  for m in ${ms//,/ }; do [[ -d "results/verification/$name/s1-$m" ]] || todo+=("$m"); done
  if (( ${#todo[@]} == 0 )); then return; fi
  ./unlearn run "$config" --no-progress --methods "$(IFS=,; echo "${todo[*]}")" --run-id s1 --set seed=1 \
    --set name="$name" --set output=results/verification "${attack[@]}" "$@"
}
if [[ $part == all || $part == classification ]]; then
  run deepcut-brown-class-relearn experiments/deepcut-brown-class.yaml "$methods"
  run deepcut-spam-mislabelled-relearn experiments/deepcut-spam.yaml "$methods" --set forget.mode=mislabelled
  run deepcut-spam-random-relearn experiments/deepcut-spam.yaml "$methods"
  ./unlearn table results/verification
fi
if [[ $part == all || $part == sequence ]]; then
  export RESULTS=results/verification/icu JANG_VARIANTS=""
  export EXTRA="--set eval.relearn.steps=10 --set eval.relearn.learningRate=1.0e-4 --set eval.relearn.batchSize=8"
  experiments/icu-table.sh "0" "icu kumpr graddiff llmu po kl npo icu-no-refinement"
  experiments/icu-table.sh "1 2 3 4" icu
fi
