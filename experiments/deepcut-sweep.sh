#!/usr/bin/env bash
# DeepCUT's sensitivity to γ, τ and the learning rate (DeepCUT spec §6: γ {0.5, 1, 3}, τ {0.1, 0.5, 0.7}; learning
# rates around the BERT fine-tuning range), one setting changed at a time from γ 3, τ 0.7, η 2e-5, on seed 1 of one
# mislabelled and one random SpamAssassin group, then the merged table in results/deepcut-sweep/. The originals and
# oracles come from the model cache, so each point costs one unlearning run. A point whose run directory exists is
# skipped: the sweep can be run in parts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "deepcut-sweep.sh: the working tree has uncommitted changes; commit first so provenance names the code" >&2
  exit 1
fi
out=results/deepcut-sweep
points=("g3-t0.7-lr2e-5:3:0.7:2.0e-5" "g0.5-t0.7-lr2e-5:0.5:0.7:2.0e-5" "g1-t0.7-lr2e-5:1:0.7:2.0e-5"
  "g3-t0.1-lr2e-5:3:0.1:2.0e-5" "g3-t0.5-lr2e-5:3:0.5:2.0e-5" "g3-t0.7-lr1e-5:3:0.7:1.0e-5"
  "g3-t0.7-lr5e-5:3:0.7:5.0e-5")
for mode in mislabelled random; do
  for p in "${points[@]}"; do
    IFS=: read -r id gamma tau lr <<< "$p"
    name="sweep-spam-$mode-$id"
    if [[ -d "$out/$name/s1" ]]; then continue; fi
    ./unlearn run experiments/deepcut-spam.yaml --no-progress --run-id s1 --set seed=1 --set output="$out" \
      --set name="$name" --set forget.mode="$mode" --set method.args.gamma="$gamma" --set method.args.tau="$tau" \
      --set method.args.train.learningRate="$lr"
  done
done
./unlearn table "$out"
