#!/usr/bin/env bash
# The DeepCUT table: every classifier method on both datasets, forget 1 % and 5 %, seeds 1-3, then the merged
# table and plots in results/deepcut/. Each group shares one original model and one oracle (--methods). A group
# whose run directories exist already is skipped, so the table can be produced in parts.
set -euo pipefail
cd "$(dirname "$0")/.."
methods=deepcut,contrastive-unlearning,sisa,finetune,gradient-ascent,random-labels
for data in spamassassin brown-genres; do
  for pct in 1 5; do
    for seed in 1 2 3; do
      name="deepcut-$data-${pct}pct"
      if [[ -d "results/deepcut/$name/s$seed-deepcut" ]]; then continue; fi
      ./unlearn run "experiments/deepcut-$data.yaml" --no-progress --methods "$methods" --run-id "s$seed" \
        --set seed="$seed" --set forget.fraction="0.0$pct" --set name="$name"
    done
  done
done
./unlearn table results/deepcut
