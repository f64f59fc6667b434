#!/usr/bin/env bash
# The paper's ICU config end to end without the paper's files: a GPT-Neo-125M-shaped checkpoint with random weights
# (Hugging Face layout, a byte-level tokenizer.json), a random 16 x 200 uint16 pool and a forget CSV of 8 doc_ids,
# all written by `unlearn bench --fixture`, then experiments/icu-gpt-neo-125m.yaml for one epoch on them. What it
# measures is the cost and memory of a run at the paper's model size (summary.json: timings and peak RSS), not
# forgetting: random weights memorise nothing. For the same reason refinement is off: it would flag no passage
# (BLEU of a random continuation is 0), so the epoch would train no step; without it the epoch trains all 8.
#   experiments/icu-gpt-neo-125m-fixture.sh [FIXTURE_DIR [RUN_ID]]   # defaults target/fixture-gpt-neo-125m,
#                                                                    # fixture-1epoch
set -euo pipefail
cd "$(dirname "$0")/.."
fx=${1:-target/fixture-gpt-neo-125m}
id=${2:-fixture-1epoch}
run=results/icu-gpt-neo-125m/icu-gpt-neo-125m/$id      # <output>/<name>/<run-id>
[[ -f "$fx/lm_extraction_128_0.csv" ]] || ./unlearn bench --causal-preset gpt-neo-125m --fixture "$fx"
[[ ! -d "$run" ]] || { echo "icu-gpt-neo-125m-fixture: $run exists; give another RUN_ID" >&2; exit 1; }
./unlearn run experiments/icu-gpt-neo-125m.yaml --run-id "$id" --no-progress \
  --set original.checkpoint="$fx/checkpoint" \
  --set passages.pool="$fx/train_dataset.npy" \
  --set passages.forget="$fx/lm_extraction_128_0.csv" \
  --set method.args.train.epochs=1 \
  --set method.args.refine=false \
  --set output=results/icu-gpt-neo-125m
