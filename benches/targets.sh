#!/usr/bin/env bash
# Measures the three targets of benches/README.md in one run, on this machine, and the
# concerns ledger beside `score --format json` (function `concerns`):
#   (a) `yardstick score --format json` end to end against the csv-crate parse floor;
#   (b) peak memory (GNU time's maximum resident set size) against the input size, and at
#       twice the rows per worker;
#   (c) time from district to city to province.
# Usage: benches/targets.sh [RUNS]   (default 5 runs each; medians are reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked -p yardstick-cli -p yardstick-benches >&2
bin="$target/release"
data="$target/yardstick-bench"
time_bin=/usr/bin/time
if ! "$time_bin" -v true 2>/dev/null; then
    echo "GNU time is needed (Debian/Ubuntu: apt-get install time)" >&2
    exit 1
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# bundle dir, args for generate
bundle() {
    local dir="$data/$1"
    shift
    if [ ! -f "$dir/generated.txt" ]; then
        "$bin/generate" "$dir" "$@" >&2
    fi
    echo "$dir"
}

measure() { # name dir
    local name="$1" dir="$2"
    local bytes rows workers
    bytes=$(awk '$1 == "file" { s += $4 } END { print s }' "$dir/generated.txt")
    rows=$(awk '$1 == "file" { s += $3 } END { print s }' "$dir/generated.txt")
    workers=$(awk '$1 == "workers" { print $2 }' "$dir/generated.txt")
    # Warm the page cache, so that every run reads from memory alike.
    cat "$dir"/*.csv >/dev/null
    local floors=() scores=() peaks=()
    for _ in $(seq "$runs"); do
        floors+=("$("$bin/measure" floor "$dir" | awk '{ print $2 }')")
        # Wall time from the shell's microsecond clock (GNU time's %e has 10 ms steps, too
        # coarse for the district); peak memory from GNU time.
        local start="$EPOCHREALTIME"
        "$time_bin" -f "%M" -o /tmp/yardstick-time.$$ "$bin/yardstick" score "$dir" --format json >/dev/null
        local end="$EPOCHREALTIME"
        read -r kb </tmp/yardstick-time.$$
        scores+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')")
        peaks+=("$kb")
    done
    rm -f /tmp/yardstick-time.$$
    local floor score peak
    floor=$(printf '%s\n' "${floors[@]}" | median)
    score=$(printf '%s\n' "${scores[@]}" | median)
    peak=$(printf '%s\n' "${peaks[@]}" | median)
    last_score="$score"
    awk -v n="$name" -v w="$workers" -v r="$rows" -v b="$bytes" -v f="$floor" -v s="$score" -v p="$peak" 'BEGIN {
        printf "%-12s %7d workers %9d rows %6.1f MB | floor %6.3f s | score %6.4f s = %4.1f x floor | %9.0f rows/s %6.1f MB/s | peak %6.1f MiB = %.2f x input\n",
            n, w, r, b / 1e6, f, s, s / f, r / s, b / 1e6 / s, p / 1024, p * 1024 / b
    }'
}

# concerns NAME DIR: `concerns --format json` beside `score --format json` on the same bundle,
# run in turn (so that both see the same machine), medians of wall time and peak memory, and
# their ratios (issue #9: at most 1.2 x each).
concerns() {
    local name="$1" dir="$2"
    if [ ! -f "$dir/concerns.csv" ]; then # a bundle cached by an older generator
        "$bin/generate" "$dir" --scale "$name" >&2
    fi
    cat "$dir"/*.csv >/dev/null
    local scores=() speaks=() ledgers=() lpeaks=()
    for _ in $(seq "$runs"); do
        for verb in score concerns; do
            local args=(score "$dir" --format json)
            [ "$verb" = concerns ] && args=(concerns "$dir" --format json --as-of 2025-01-10)
            local start="$EPOCHREALTIME"
            "$time_bin" -f "%M" -o /tmp/yardstick-time.$$ "$bin/yardstick" "${args[@]}" >/dev/null
            local end="$EPOCHREALTIME"
            local kb secs
            read -r kb </tmp/yardstick-time.$$
            secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')
            if [ "$verb" = score ]; then scores+=("$secs"); speaks+=("$kb"); else ledgers+=("$secs"); lpeaks+=("$kb"); fi
        done
    done
    rm -f /tmp/yardstick-time.$$
    local s sp l lp
    s=$(printf '%s\n' "${scores[@]}" | median)
    sp=$(printf '%s\n' "${speaks[@]}" | median)
    l=$(printf '%s\n' "${ledgers[@]}" | median)
    lp=$(printf '%s\n' "${lpeaks[@]}" | median)
    awk -v n="$name" -v s="$s" -v sp="$sp" -v l="$l" -v lp="$lp" 'BEGIN {
        printf "%-12s concerns json %6.3f s %6.1f MiB | score json %6.3f s %6.1f MiB | %.2f x the time, %.2f x the peak\n",
            n, l, lp / 1024, s, sp / 1024, l / s, lp / sp
    }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs; threads: ${YARDSTICK_THREADS:-all}"
measure district "$(bundle w500-s2024-d1 --scale district)"
district="$last_score"
measure city "$(bundle w5000-s2024-d1 --scale city)"
city="$last_score"
measure province "$(bundle w50000-s2024-d1 --scale province)"
province="$last_score"
awk -v d="$district" -v c="$city" -v p="$province" 'BEGIN {
    printf "growth (c): district -> city %.1f x, city -> province %.1f x the time for 10 x the workers\n", c / d, p / c
}'
measure province-x2 "$(bundle w50000-s2024-d2 --scale province --density 2)"
concerns province "$(bundle w50000-s2024-d1 --scale province)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
