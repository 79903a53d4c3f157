#!/usr/bin/env bash
# The sampling sweep of issue 15: each configuration (one line of eval-generation flags
# on stdin) judged on EMOPIA's VALIDATION clips only, 8 bars, one seed that the test
# protocol does not use; every configuration's full output goes to LOG and one row per
# configuration to LOG's table (worst-quadrant hit rate first, then the gaps, then the margins).
# usage: npm run build && bench/sweep-generation.sh LOG [PER_QUADRANT] < configs
#   configs: one line of flags each, e.g. "--draw codes=0.9/0.9 --guidance 2"
set -euo pipefail
log=$1
per=${2:-24}
table="${log%.md}-table.md"
[ -f "$table" ] || printf '| flags | Q1 | Q2 | Q3 | Q4 | worst | mean | pitch classes gap | key clarity gap | polyphony gap | major margin (clips) | notes/s margin (clips) | velocity margin (clips) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n' > "$table"
while IFS= read -r flags; do
  [ -z "$flags" ] && continue
  # shellcheck disable=SC2086 # the flags are words
  out=$(node dist/bench/eval-generation.js --split val --per-quadrant "$per" --bars 8 --seeds ${SEEDS:-5} $flags </dev/null)
  printf '\n### flags: %s\n%s\n' "${flags}" "$out" >> "$log"
  hits=$(echo "$out" | awk -F'|' '/ samples \|/ { gsub(/[* ]/, "", $3); sub(/\(.*/, "", $3); printf "%s | ", $3 }')
  worst=$(echo "$out" | sed -n 's/.*worst quadrant: \([0-9.]*\).*/\1/p')
  mean=$(echo "$out" | awk -F'|' '/ samples \|/ { gsub(/[* ]/, "", $3); sub(/\(.*/, "", $3); s += $3 } END { printf "%.2f", s / 4 }')
  gap() { echo "$out" | sed -n "s/^- $1: largest gap to the quadrant's val clips \([0-9]*\) %.*/\1 %/p"; }
  margin() { echo "$out" | sed -n "s/^- $1.*samples \([-0-9.]*\), val clips \([-0-9.]*\).*/\1 (\2)/p"; }
  echo "| ${flags:-app defaults} | ${hits}${worst} | ${mean} | $(gap 'pitch classes') | $(gap 'key clarity') | $(gap polyphony) | $(margin 'major share') | $(margin 'notes\/s') | $(margin velocity) |" | tee -a "$table"
done
