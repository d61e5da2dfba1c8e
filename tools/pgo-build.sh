#!/bin/sh
# Builds samplan with profile-guided optimisation: an instrumented build renders
# generated cases (seeds far from the benchmark's) and the example cases, and the
# final build is optimised with what that run recorded. Typst spends its time in
# branchy layout code, where this pays (BENCHMARKS.md has the figures).
#
#   rustup component add llvm-tools      # once: provides llvm-profdata
#   tools/pgo-build.sh                   # 25–40 minutes on two cores
#   target/pgo/use/dist/samplan …        # the optimised binary
set -eu
cd "$(dirname "$0")/.."
profdata=$(find "$(rustc --print sysroot)" -name llvm-profdata -type f | head -n 1)
if [ -z "$profdata" ]; then
    echo "pgo-build: llvm-profdata saknas; kör: rustup component add llvm-tools" >&2
    exit 1
fi
work="$PWD/target/pgo"
rm -rf "$work/profiles" "$work/training"
mkdir -p "$work/profiles" "$work/training"

RUSTFLAGS="-Cprofile-generate=$work/profiles" cargo build --profile dist --target-dir "$work/generate"
trainee="$work/generate/dist/samplan"
"$trainee" bench --seed 1000000 --cases 300 --render 300 >/dev/null
"$trainee" build cases -o "$work/training/output" >/dev/null
"$profdata" merge -o "$work/samplan.profdata" "$work/profiles"

RUSTFLAGS="-Cprofile-use=$work/samplan.profdata" cargo build --profile dist --target-dir "$work/use"
echo "pgo-build: $work/use/dist/samplan"
