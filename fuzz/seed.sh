#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with the example landscapes and the test fixtures, the
# starting points libFuzzer mutates. Run from anywhere; safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
for target in parse check render; do
  mkdir -p "corpus/$target"
  for f in ../landscapes/*.yaml ../tests/fixtures/*/*.yaml ../tests/fixtures/security/*/*; do
    [ -f "$f" ] || continue
    # Inputs beyond libFuzzer's default -max_len are skipped: mutations of a huge
    # file are slow and the budgets they test have their own tests.
    [ "$(wc -c < "$f")" -le 16384 ] || continue
    cp "$f" "corpus/$target/$(echo "$f" | sed 's|^\.\./||; s|/|_|g')"
  done
done
echo "seeded: $(ls corpus/parse | wc -l) files per target"
