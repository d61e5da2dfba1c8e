#!/usr/bin/env bash
# Runs one fuzz target (check, braille, lix, render) for SECONDS (default 600).
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable toolchain build it:
#   cargo install cargo-fuzz && fuzz/run.sh check 600
# New interesting inputs go to fuzz/corpus/<target> (not committed); the small seed
# corpora in fuzz/seeds/<target> are. A crash is saved under fuzz/artifacts/<target>.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh check|braille|lix|render [seconds]}
seconds=${2:-600}
mkdir -p "corpus/$target"
RUSTC_BOOTSTRAP=1 cargo fuzz run --release "$target" "corpus/$target" "seeds/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1
