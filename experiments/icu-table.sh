#!/usr/bin/env bash
# The ICU table in parts: ICU, its ablations and the baselines on the planted forget sets of icu-sotu.yaml, one run
# directory per (variant, set) named <variant>-set<N> (the table's rows), then the merged table and plots in
# results/icu/. A run whose directory exists already is skipped, so the table can be produced in parts:
#   experiments/icu-table.sh "0 1" "icu kumpr"     # forget sets 0 and 1, two variants
#   experiments/icu-table.sh                        # everything (5 sets x 9 variants; many hours on 2 cores)
# Variants: icu; kl = ICU without the learning term (the KL baseline, the "w/o L_lrn" ablation); icu-no-kl;
# icu-no-refinement; kumpr (one full-batch step of the 128 passages per epoch, at ICU's learning rate for this
# model); llmu; po; graddiff; npo. Each run is capped at the config's 12 epochs.
set -euo pipefail
cd "$(dirname "$0")/.."
sets=${1:-"0 1 2 3 4"}
variants=${2:-"icu kumpr kl icu-no-kl icu-no-refinement llmu po graddiff npo"}
for set in $sets; do
  for v in $variants; do
    case "$v" in
      icu) args=() ;;
      kl) args=(--set method.args.learnWeight=0) ;;
      icu-no-kl) args=(--set method.args.klWeight=0) ;;
      icu-no-refinement) args=(--set method.args.refine=false) ;;
      kumpr) args=(--set method.name=kumpr --set method.args.train.batchSize=128) ;;
      llmu|po|graddiff|npo) args=(--set method.name="$v") ;;
      *) echo "icu-table: unknown variant '$v'" >&2; exit 2 ;;
    esac
    if [[ -d "results/icu/icu-sotu/$v-set$set" ]]; then continue; fi
    ./unlearn run experiments/icu-sotu.yaml --no-progress --run-id "$v-set$set" --set forgetSet="$set" "${args[@]}"
  done
done
./unlearn table results/icu
