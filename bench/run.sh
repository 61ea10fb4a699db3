#!/usr/bin/env bash
# bench/run.sh — time `pledgetally run` on generated inputs and check its outputs.
#
#   bench/run.sh                      (or: make bench)
#   BENCH_SIZES="2000000" RUNS=5 bench/run.sh
#
# Environment:
#   BENCH_SIZES  row counts to measure (default "100000 1000000")
#   RUNS         counted runs per size, after one warm-up run (default 3)
#   BENCH_SEED   generator seed (default 20250210)
#   BENCH_BUILD  1 (default) builds the release binary first; 0 uses it as is
#   BENCH_CHECK  1 (default) runs bench/check.py on each size's last output; 0 skips
#   BIN          the binary (default .build/release/pledgetally)
#   BENCH_DIFF   1 (default) also times a second week: `run` with the first
#                week's run in the output folder vs into an empty one, and
#                `diff` of the two weeks (inputs from bench/change.py); 0 skips
#   BENCH_CHANGES  bench/change.py's options for the second week
#                (default "--changed 1000")
#
# Inputs are cached in bench/data/, keyed by size, seed and a hash of
# generate.py; outputs and logs go to bench/out/. Tables are Markdown.
# Exit status: 0 when every run succeeded and every check passed, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
SIZES=${BENCH_SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
SEED=${BENCH_SEED:-20250210}
BUILD=${BENCH_BUILD:-1}
CHECK=${BENCH_CHECK:-1}
BIN=${BIN:-$root/.build/release/pledgetally}
DIFF=${BENCH_DIFF:-1}
CHANGES=${BENCH_CHANGES:-"--changed 1000"}
RATES=$root/Input/rates/eurofxref-hist.csv
DATA=$here/data
OUT=$here/out

die() { echo "bench: $*" >&2; exit 2; }

# ---------------------------------------------------------------- preconditions
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_SIZES must be positive integers (got '$n')"; done
[[ -n ${SIZES// /} ]] || die "BENCH_SIZES is empty"
command -v python3 >/dev/null || die "python3 is needed (the generator and the checker)"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' || die "python3 3.8 or newer is needed"
[[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null \
  || die "GNU time is needed at /usr/bin/time (Debian: apt-get install time)"
[[ -f $RATES ]] || die "no rates file at $RATES"
[[ -f $here/domains.csv ]] || die "no $here/domains.csv"

if [[ $BUILD == 1 ]]; then
  echo "bench: building the release binary (swift build -c release --product pledgetally)" >&2
  (cd "$root" && swift build -c release --product pledgetally >&2) || die "the build failed"
fi
[[ -x $BIN ]] || die "no executable at $BIN (run 'make build', or set BIN)"

mkdir -p "$DATA" "$OUT"
gen_key=$(sha256sum "$here/generate.py" | cut -c1-12)

# ---------------------------------------------------------------- helpers
# median, min and max of numbers on stdin: "median min max"
stats() { sort -g | awk '{a[NR]=$1} END {
  if (NR == 0) { print "- - -"; exit }
  m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
  print m, a[1], a[NR] }'; }
# a value from a GNU time -v report
tv() { awk -F': ' -v k="$1" 'index($0, k) { print $NF; exit }' "$2"; }
bytes() { if [[ -f $1 ]]; then stat -c %s "$1"; else echo "–"; fi; }
commas() { [[ $1 =~ ^[0-9]+$ ]] && echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' || echo "$1"; }

# generated input for N rows: sets IN (input dir) and TRUTH
prepare() {
  local n=$1 base="$DATA/p$n-s$SEED-$gen_key"
  if [[ ! -f $base.csv || ! -f $base.truth.csv ]]; then
    rm -f "$DATA/p$n-s$SEED-"*.csv          # inputs of an older generator
    echo "bench: generating $n rows (seed $SEED) into ${base#$root/}.csv" >&2
    local t0 t1
    t0=$(date +%s%N)
    python3 "$here/generate.py" "$n" "$base.tmp.csv" --truth "$base.tmp.truth.csv" --seed "$SEED" \
      || die "the generator failed"
    t1=$(date +%s%N)
    mv "$base.tmp.truth.csv" "$base.truth.csv"
    mv "$base.tmp.csv" "$base.csv"
    echo "bench: generated in $(awk -v ns=$((t1 - t0)) 'BEGIN{printf "%.1f", ns/1e9}') s" >&2
  fi
  IN="$DATA/in-$n"
  rm -rf "$IN"
  mkdir -p "$IN/pledges" "$IN/rates"
  ln "$base.csv" "$IN/pledges/generated.csv" 2>/dev/null || cp "$base.csv" "$IN/pledges/generated.csv"
  cp "$here/domains.csv" "$IN/domains.csv"
  cp "$RATES" "$IN/rates/"
  TRUTH="$base.truth.csv"
}

# one run of the program into $OUT/$n/output; appends "wall_s cpu_s rss_mib exit" to $2
run_once() {
  local n=$1 results=$2
  rm -rf "$OUT/$n/output"
  timed "$results" "$OUT/$n/run" "$BIN" run --input "$IN" --output "$OUT/$n/output" --currency EUR
}

# a command under /usr/bin/time -v; appends "wall_s cpu_s rss_mib exit" to $1; $2 is the log prefix
timed() {
  local results=$1 log=$2; shift 2
  local t0 t1 status=0
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || status=$?
  t1=$(date +%s%N)
  [[ -s $log.time ]] || die "no timing report in $log.time"
  local user sys rss
  user=$(tv "User time (seconds)" "$log.time")
  sys=$(tv "System time (seconds)" "$log.time")
  rss=$(tv "Maximum resident set size" "$log.time")
  awk -v ns=$((t1 - t0)) -v u="$user" -v s="$sys" -v r="$rss" -v e="$status" \
    'BEGIN { printf "%.3f %.2f %.1f %d\n", ns/1e9, u+s, r/1024, e }' >>"$results"
}

# "wall median (min–max) | CPU median | RSS median | exits" of a results file
summary_of() {
  local wm wn wx cm rm ex
  read -r wm wn wx < <(awk '{print $1}' "$1" | stats)
  read -r cm _ _ < <(awk '{print $2}' "$1" | stats)
  read -r rm _ _ < <(awk '{print $3}' "$1" | stats)
  ex=$(awk '{print $4}' "$1" | sort -u | paste -sd/ -)
  printf '%.3f (%.3f–%.3f) | %.2f | %.1f | %s' "$wm" "$wn" "$wx" "$cm" "$rm" "$ex"
}

# The second week for N rows: a changed copy of the generated input; sets NEXT (input dir)
prepare_next() {
  local n=$1 key
  key=$(echo "$gen_key $(sha256sum "$here/change.py" | cut -c1-12) $CHANGES" | sha256sum | cut -c1-12)
  local base="$DATA/p$n-s$SEED-$gen_key"
  local next="$DATA/p$n-s$SEED-next-$key.csv"
  if [[ ! -f $next ]]; then
    rm -f "$DATA/p$n-s$SEED-next-"*.csv
    # shellcheck disable=SC2086
    python3 "$here/change.py" "$base.csv" "$next.tmp" $CHANGES || die "change.py failed"
    mv "$next.tmp" "$next"
  fi
  NEXT="$DATA/in-$n-next"
  rm -rf "$NEXT"
  mkdir -p "$NEXT/pledges" "$NEXT/rates"
  ln "$next" "$NEXT/pledges/generated.csv" 2>/dev/null || cp "$next" "$NEXT/pledges/generated.csv"
  cp "$here/domains.csv" "$NEXT/domains.csv"
  cp "$RATES" "$NEXT/rates/"
}

# ---------------------------------------------------------------- runs
cores=$(nproc)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || true)
swiftv=$(swift --version 2>/dev/null | head -1 || true)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo "+changes" || true)

declare -A SUMMARY SIZES_ROW CHECK_RESULT WEEK_ROW DIFF_ROW
failed=0
for n in $SIZES; do
  prepare "$n"
  mkdir -p "$OUT/$n"
  results="$OUT/$n/results.txt"
  : >"$results"
  echo "bench: N=$n — warm-up run" >&2
  run_once "$n" "$OUT/$n/warmup.txt"
  for i in $(seq "$RUNS"); do
    echo "bench: N=$n — run $i of $RUNS" >&2
    run_once "$n" "$results"
  done
  read -r wall_med wall_min wall_max < <(awk '{print $1}' "$results" | stats)
  read -r cpu_med _ _ < <(awk '{print $2}' "$results" | stats)
  read -r rss_med _ _ < <(awk '{print $3}' "$results" | stats)
  exits=$(awk '{print $4}' "$results" | sort -u | paste -sd/ -)
  [[ $exits == 0 ]] || failed=1
  rps=$(awk -v n="$n" -v w="$wall_med" 'BEGIN { if (w > 0) printf "%.0f", n / w; else print "–" }')
  insize=$(bytes "$IN/pledges/generated.csv")
  SUMMARY[$n]="| $(commas "$n") | $(awk -v b="$insize" 'BEGIN{printf "%.1f", b/1048576}') | $RUNS | $(commas "$rps") | $(printf '%.3f' "$wall_med") ($(printf '%.3f' "$wall_min")–$(printf '%.3f' "$wall_max")) | $(printf '%.2f' "$cpu_med") | $(printf '%.1f' "$rss_med") | $exits |"
  o="$OUT/$n/output"
  counts="– | –"
  if [[ -f $o/manifest.json ]]; then
    counts=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("{:,} | {:,}".format(c["accepted"], c["rejected"]))' "$o/manifest.json" 2>/dev/null || echo "? | ?")
  fi
  SIZES_ROW[$n]="| $(commas "$n") | $counts | $(commas "$(bytes "$o/pledges.csv")") | $(commas "$(bytes "$o/rejected.csv")") | $(commas "$(bytes "$o/by_domain.csv")") | $(commas "$(bytes "$o/manifest.json")") | $(commas "$(bytes "$o/report.xlsx")") |"
  if [[ $exits != 0 ]]; then
    echo "bench: N=$n: the program exited with status $exits; its stderr (last lines):" >&2
    tail -n 5 "$OUT/$n/run.err" >&2 || true
  fi
  if [[ $CHECK == 1 ]]; then
    echo "bench: N=$n — checking the outputs (bench/check.py)" >&2
    if [[ ! -f $o/pledges.csv ]]; then
      CHECK_RESULT[$n]="no outputs to check (the program exited $exits)"
      failed=1
    else
      cstatus=0
      t0=$(date +%s%N)
      python3 "$here/check.py" "$IN" "$o" "$TRUTH" >"$OUT/$n/check.txt" 2>&1 || cstatus=$?
      t1=$(date +%s%N)
      [[ $cstatus == 0 ]] || failed=1
      CHECK_RESULT[$n]="$(cat "$OUT/$n/check.txt")
(check.py exit $cstatus, $(awk -v ns=$((t1 - t0)) 'BEGIN{printf "%.1f", ns/1e9}') s)"
    fi
  fi
  # The second week: the same run into an empty folder and into the first
  # week's output (changes.csv and the Changes sheet then compare), alternately;
  # then `diff` of the two weeks' outputs.
  if [[ $DIFF == 1 && -f $o/manifest.json ]]; then
    prepare_next "$n"
    w="$OUT/$n/week2"
    rm -rf "$w"
    mkdir -p "$w"
    : >"$w/empty.txt"; : >"$w/previous.txt"; : >"$w/diff.txt"
    for i in $(seq "$RUNS"); do
      echo "bench: N=$n — second week, run $i of $RUNS: empty output folder, then the first week's" >&2
      rm -rf "$w/empty"
      timed "$w/empty.txt" "$w/run-empty" "$BIN" run --input "$NEXT" --output "$w/empty" --currency EUR
      rm -rf "$w/previous"
      cp -a "$o" "$w/previous"
      timed "$w/previous.txt" "$w/run-previous" "$BIN" run --input "$NEXT" --output "$w/previous" --currency EUR
      echo "bench: N=$n — diff, run $i of $RUNS" >&2
      timed "$w/diff.txt" "$w/diff" "$BIN" diff "$o" "$w/empty" --csv "$w/diff.csv"
    done
    [[ $(awk '$4 != 0' "$w/empty.txt" "$w/previous.txt") == "" && $(awk '$4 != 1' "$w/diff.txt") == "" ]] || failed=1
    same=no
    cmp -s "$w/diff.csv" "$w/previous/changes.csv" && same=yes
    [[ $same == yes ]] || failed=1
    ratio=$(awk -v a="$(awk '{print $1}' "$w/previous.txt" | stats | cut -d' ' -f1)" \
                -v b="$(awk '{print $1}' "$w/empty.txt" | stats | cut -d' ' -f1)" 'BEGIN { printf "%.2f", a / b }')
    WEEK_ROW[$n]="| $(commas "$n") | $(summary_of "$w/empty.txt") | $(summary_of "$w/previous.txt") | $ratio | $same |"
    DIFF_ROW[$n]="| $(commas "$n") | $(head -1 "$w/diff.out" | cut -d';' -f1) | $(summary_of "$w/diff.txt") |"
  fi
done

# ---------------------------------------------------------------- report
echo
echo "## pledgetally bench"
echo
echo "$(date -u +%Y-%m-%d) · commit $rev$dirty · $cores cores${cpu:+ ($cpu)}${mem:+, $mem} · ${swiftv:-swift ?}"
echo "\`pledgetally run --currency EUR\` on generated pledges (seed $SEED, generator $gen_key); 1 warm-up + $RUNS counted runs, fresh output folder each run; load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)."
echo
echo "| rows | input MiB | runs | rows/s (median) | wall s median (min–max) | CPU s (user+sys, median) | peak RSS MiB (median) | exit |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |"
for n in $SIZES; do echo "${SUMMARY[$n]}"; done
echo
echo "Outputs of the last run (bytes):"
echo
echo "| rows | accepted | rejected | pledges.csv | rejected.csv | by_domain.csv | manifest.json | report.xlsx |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $SIZES; do echo "${SIZES_ROW[$n]}"; done
if [[ $CHECK == 1 ]]; then
  for n in $SIZES; do
    echo
    echo "Check, $(commas "$n") rows:"
    echo
    echo '```'
    echo "${CHECK_RESULT[$n]}"
    echo '```'
  done
fi
if [[ $DIFF == 1 ]]; then
  echo
  echo "Second week (\`bench/change.py $CHANGES\`), $RUNS runs each, alternately: \`run\` into an empty output folder, and into the first week's output (previous/, changes.csv and the Changes sheet then made):"
  echo
  echo "| rows | empty: wall s median (min–max) | CPU s | peak RSS MiB | exit | with previous: wall s median (min–max) | CPU s | peak RSS MiB | exit | time ratio | changes.csv = diff --csv |"
  echo "| ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | :---: | ---: | :---: |"
  for n in $SIZES; do [[ -n ${WEEK_ROW[$n]:-} ]] && echo "${WEEK_ROW[$n]}"; done
  echo
  echo "\`pledgetally diff\` of the two weeks' outputs (exit 1 = they differ):"
  echo
  echo "| rows | changes | wall s median (min–max) | CPU s | peak RSS MiB | exit |"
  echo "| ---: | --- | ---: | ---: | ---: | :---: |"
  for n in $SIZES; do [[ -n ${DIFF_ROW[$n]:-} ]] && echo "${DIFF_ROW[$n]}"; done
fi
echo
echo "Logs and outputs: ${OUT#$root/}/<rows>/ (run.time = the last run's /usr/bin/time -v report; week2/ the second week's)."
exit $failed
