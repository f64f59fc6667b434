#!/usr/bin/env bash
# The DeepCUT table: every classifier method, seeds 1-3, in four groups, then the merged table.md, table.json and
# plots in results/deepcut/:
#   deepcut-spam-random       SpamAssassin, 5 % random emails forgotten        (experiments/deepcut-spam.yaml)
#   deepcut-spam-mislabelled  SpamAssassin, 5 % mislabelled emails forgotten   (the same, forget.mode mislabelled)
#   deepcut-brown-class       Brown corpus sections, the press class forgotten (experiments/deepcut-brown-class.yaml)
#   deepcut-byo-csv           a bring-your-own CSV with DeepCUT's defaults     (experiments/deepcut-byo-csv.yaml)
# Each group shares one original model and one oracle per seed (--methods). A group whose run directories exist is
# skipped, so the table can be produced in parts; it refuses to run on uncommitted code, so every run's provenance
# names a commit.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
  echo "deepcut-table.sh: the working tree has uncommitted changes; commit first so provenance names the code" >&2
  exit 1
fi
all=deepcut,contrastive-unlearning,sisa,finetune,gradient-ascent,random-labels
csv=target/byo/sotu-party.csv          # relative, so run configs name no machine's paths; rebuilt when missing
if [[ ! -f "$csv" ]]; then
  mkdir -p target/byo
  experiments/byo/sotu-party-csv.sh "$csv"
fi
run() {   # name config methods seed [--set ...]
  local name="$1" config="$2" methods="$3" seed="$4"
  shift 4
  if [[ -d "results/deepcut/$name/s$seed-deepcut" ]]; then return; fi
  ./unlearn run "$config" --no-progress --methods "$methods" --run-id "s$seed" --set seed="$seed" \
    --set name="$name" "$@"
}
for seed in 1 2 3; do
  run deepcut-spam-mislabelled experiments/deepcut-spam.yaml "$all" "$seed" --set forget.mode=mislabelled
  run deepcut-spam-random experiments/deepcut-spam.yaml "$all" "$seed"
  run deepcut-brown-class experiments/deepcut-brown-class.yaml "$all" "$seed"
  run deepcut-byo-csv experiments/deepcut-byo-csv.yaml deepcut,finetune "$seed" --set dataset.args.path="$csv"
done
./unlearn table results/deepcut
