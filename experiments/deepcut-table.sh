#!/usr/bin/env bash
# The DeepCUT table: every classifier method, seeds 1-3, in four groups, then the merged table.md, table.json and
# plots in results/deepcut/:
#   deepcut-spam-random       SpamAssassin, 5 % random emails forgotten        (experiments/deepcut-spam.yaml)
#   deepcut-spam-mislabelled  SpamAssassin, 5 % mislabelled emails forgotten   (the same, forget.mode mislabelled)
#   deepcut-brown-class       Brown corpus sections, the press class forgotten (experiments/deepcut-brown-class.yaml)
#   deepcut-byo-csv           a bring-your-own CSV with DeepCUT's defaults     (experiments/deepcut-byo-csv.yaml)
# Each group is one `unlearn grid` over seeds 1-3 whose cells run every method on one shared original model and
# oracle (--methods), into s<seed>-<method>. A cell whose runs have all finished is skipped and an unfinished one
# resumed, so the table can be produced in parts; it refuses to run on uncommitted code, so every run's provenance
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
grid() {   # config name methods [--set ...]: seeds 1-3 of one group, one run at a time as the table was made
  local config="$1" name="$2" methods="$3"
  shift 3
  ./unlearn grid "$config" --methods "$methods" --sweep seed=1,2,3 --run-id 's{seed}' --set name="$name" \
    --master 'local[1]' --no-table "$@"
}
grid experiments/deepcut-spam.yaml deepcut-spam-mislabelled "$all" --set forget.mode=mislabelled
grid experiments/deepcut-spam.yaml deepcut-spam-random "$all"
grid experiments/deepcut-brown-class.yaml deepcut-brown-class "$all"
grid experiments/deepcut-byo-csv.yaml deepcut-byo-csv deepcut,finetune --set dataset.args.path="$csv"
./unlearn table results/deepcut
