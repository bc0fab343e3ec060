#!/usr/bin/env bash
# Scores settings on the test years (1959–60) over seeds 1–5, AFTER the defaults were chosen by
# examples/choose_defaults.rs. Nothing here chooses anything: it reports, for FORECAST.md, what
# the chosen defaults and the selection's intermediate steps reach on the held-out years.
#
#   bash tools/score_test_years.sh            # every line of the table in FORECAST.md
#   bash tools/score_test_years.sh -- FLAGS   # one line, for the given lstm-train flags
#
# Prints: label, median and worst one-step RMSE, median and worst recursive-24 RMSE.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet --bin lstm-train
bin=target/release/lstm-train

score() {
  local label="$1"
  shift
  local one=() rec=()
  for seed in 1 2 3 4 5; do
    local out
    out="$("$bin" --quiet --seed "$seed" "$@")"
    one+=("$(awk '/one-step test/ { print $3 }' <<<"$out")")
    rec+=("$(awk '/recursive test/ { print $3 }' <<<"$out")")
  done
  printf '%s\n' "${one[@]}" | sort -g >/tmp/score_one.$$
  printf '%s\n' "${rec[@]}" | sort -g >/tmp/score_rec.$$
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" \
    "$(sed -n 3p /tmp/score_one.$$)" "$(tail -n1 /tmp/score_one.$$)" \
    "$(sed -n 3p /tmp/score_rec.$$)" "$(tail -n1 /tmp/score_rec.$$)" \
    "$(paste -sd' ' /tmp/score_one.$$)"
  rm -f /tmp/score_one.$$ /tmp/score_rec.$$
}

if [ "${1:-}" = "--" ]; then
  shift
  score "$*" "$@"
  exit 0
fi

echo "| settings (scored on 1959–60 after the choice) | one-step median | worst | recursive median | worst | one-step, seeds 1–5 sorted |"
echo "|---|---|---|---|---|---|"
score "**the shipped defaults** (no flags)"
s="--transform log_diff --layout sequence --hidden 40 --layers 1 --clip none"
score "search start: Adagrad 0.6, 300 epochs, window 12, one network" $s --optimizer adagrad --lr 0.6 --epochs 300 --window 12 --ensemble 1
score "after stage 1: Adam 0.03" $s --optimizer adam --lr 0.03 --epochs 300 --window 12 --ensemble 1
score "after stage 2: 600 epochs" $s --optimizer adam --lr 0.03 --epochs 600 --window 12 --ensemble 1
score "after stage 4: window 24" $s --optimizer adam --lr 0.03 --epochs 600 --window 24 --ensemble 1
score "defaults + early stopping (rejected by the folds)" --early-stopping on
score "defaults with window 12 (rejected by the folds)" --window 12
score "the old defaults: SGD 0.05, 300 epochs, window 12, one network" $s --optimizer sgd --lr 0.05 --epochs 300 --window 12 --ensemble 1
score "the article's set-up (--article)" --article
