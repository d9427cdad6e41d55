#!/usr/bin/env bash
# Measures the three targets of benches/README.md in one run, on this machine:
#   (a) `yardstick score --format json` end to end against the csv-crate parse floor;
#   (b) peak memory (GNU time's maximum resident set size) against the input size, and at
#       twice the rows per worker;
#   (c) time from district to city to province.
#   (d) every verb against `score --format json` on the province bundle with its rows shuffled
#       (no file grouped by worker), in time, peak memory and output size; and the same bundle
#       saved as workbooks (`measure workbook`);
#   (e) (a) to (c) for grid workers (rubrics/grid-worker.toml, a year of monthly checklists):
#       2,000 and 20,000 workers.
# Usage: benches/targets.sh [RUNS] [verbs|grid]   (default 5 runs each; medians are reported;
#        `verbs` measures (d) alone, `grid` (e) alone)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
only="${2:-all}"
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
    # A bundle cached by a generator before version 2 has no concern files: made again.
    if [ ! -f "$dir/generated.txt" ] || [ ! -f "$dir/concerns.csv" ]; then
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

# A copy of a bundle with every data row of every file but the roster in a fixed random order.
shuffled() { # source dir
    local src="$1" dir="$1-shuffled"
    if [ ! -f "$dir/generated.txt" ] || [ ! -f "$dir/concerns.csv" ]; then
        rm -rf "$dir"
        cp -r "$src" "$dir"
        for f in "$dir"/*.csv; do
            [ "$(basename "$f")" = roster.csv ] && continue
            { head -n 1 "$f"; tail -n +2 "$f" | shuf --random-source=<(yes 7); } >"$f.tmp"
            mv "$f.tmp" "$f"
        done
    fi
    echo "$dir"
}

# Median wall time (s), peak (KiB) and output bytes of one command, writing to a file.
run_verb() { # out-file command...
    local out="$1"
    shift
    local times=() peaks=()
    for _ in $(seq "$runs"); do
        rm -f "$out"
        local start="$EPOCHREALTIME"
        "$time_bin" -f "%M" -o /tmp/yardstick-time.$$ "$@" >"$out.stdout" 2>/dev/null
        local end="$EPOCHREALTIME"
        read -r kb </tmp/yardstick-time.$$
        times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')")
        peaks+=("$kb")
    done
    rm -f /tmp/yardstick-time.$$
    local size
    size=$(($(stat -c %s "$out" 2>/dev/null || echo 0) + $(stat -c %s "$out.stdout")))
    rm -f "$out" "$out.stdout"
    echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${peaks[@]}" | median) $size"
}

verbs() { # dir
    local dir="$1" tmp
    if [ ! -f "$dir-xlsx/generated.txt" ]; then
        rm -rf "$dir-xlsx"
        "$bin/measure" workbook "$dir" "$dir-xlsx" >&2
    fi
    tmp=$(mktemp -d)
    local id
    id=$(sed -n 2p "$dir/roster.csv" | cut -d, -f1)
    cat "$dir"/*.csv >/dev/null
    read -r jt jp js <<<"$(run_verb "$tmp/r.json" "$bin/yardstick" score "$dir" --format json -o "$tmp/r.json")"
    printf '%-22s %8s %10s %10s | %s\n' verb time peak output "ratio to json (time, peak)"
    printf '%-22s %7.3fs %8.1fMiB %8.1fMB | 1.00 x, 1.00 x\n' "score --format json" "$jt" "$(awk -v p="$jp" 'BEGIN { print p / 1024 }')" "$(awk -v b="$js" 'BEGIN { print b / 1e6 }')"
    local name file args
    while IFS='|' read -r name file args; do
        # shellcheck disable=SC2086
        read -r t p z <<<"$(run_verb "$tmp/$file" "$bin/yardstick" $args)"
        awk -v n="$name" -v t="$t" -v p="$p" -v z="$z" -v jt="$jt" -v jp="$jp" 'BEGIN {
            printf "%-22s %7.3fs %8.1fMiB %8.1fMB | %.2f x, %.2f x\n", n, t, p / 1024, z / 1e6, t / jt, p / jp
        }'
    done <<EOF2
score --format csv|out.csv|score $dir --format csv -o $tmp/out.csv
score (table)|out.txt|score $dir --format table -o $tmp/out.txt
score --format xlsx|out.xlsx|score $dir --format xlsx -o $tmp/out.xlsx
report|out.html|report $dir -o $tmp/out.html
explain (one worker)|none|explain $dir $id
explain --format json|none|explain $dir $id --format json
concerns --format json|out.json|concerns $dir --as-of 2025-01-10 --format json -o $tmp/out.json
concerns (table)|out.txt|concerns $dir --as-of 2025-01-10 -o $tmp/out.txt
audit --format json|out.json|audit $dir --format json -o $tmp/out.json
audit (table)|out.txt|audit $dir -o $tmp/out.txt
diff (the bundle with itself)|out.txt|diff $dir $dir -o $tmp/out.txt
validate|none|validate $dir
score --format json (workbooks)|out.json|score $dir-xlsx --format json -o $tmp/out.json
EOF2
    rm -rf "$tmp"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs; threads: ${YARDSTICK_THREADS:-all}"
grid() {
    echo "(e) grid workers, a year of monthly checklists"
    measure grid-2000 "$(bundle grid-w2000-s2024-d1 --workers 2000 --rubric grid)"
    local small="$last_score"
    measure grid-20000 "$(bundle grid-w20000-s2024-d1 --workers 20000 --rubric grid)"
    awk -v a="$small" -v b="$last_score" 'BEGIN {
        printf "growth (c): grid 2,000 -> 20,000 workers %.1f x the time for 10 x the workers\n", b / a
    }'
}
if [ "$only" = grid ]; then
    grid
    exit 0
fi
if [ "$only" = verbs ]; then
    echo "(d) every verb on the province bundle, rows shuffled; runs: $runs"
    verbs "$(shuffled "$(bundle w50000-s2024-d1 --scale province)")"
    exit 0
fi
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
echo "(d) every verb on the province bundle, rows shuffled"
verbs "$(shuffled "$(bundle w50000-s2024-d1 --scale province)")"
grid
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
