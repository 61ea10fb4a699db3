#!/bin/sh
# Builds the fuzz targets with libFuzzer and AddressSanitizer, then runs each
# for FUZZ_SECONDS (default 60) on its corpus. `make fuzz` calls this.
#
# The kept corpus (Tests/Fuzz/<kind>-corpus) is read, never written: new
# inputs go to fuzz-out/<target>/corpus, unless FUZZ_MERGE=1, which merges
# those that add coverage into the kept corpus afterwards. A crash, leak,
# timeout or broken invariant leaves its input in fuzz-out/<target>/ (and the
# whole log next to it) and makes the script exit 1.
set -u
cd "$(dirname "$0")/../.."

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_MERGE=${FUZZ_MERGE:-}
BUILD=.build-fuzz
OUT=fuzz-out
# Known leaks of the libraries, not of ours (see the file).
LSAN_OPTIONS="suppressions=$(pwd)/Tests/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
# -enable-testing: the file checks compare chunk sizes through internal API.
BUILD_FLAGS="-c release --scratch-path $BUILD -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING -Xswiftc -enable-testing"
# target, kept corpus, longest input, dictionary, leak check (each: after every
# input, as libFuzzer does; corpus: once per input of the corpora after the run,
# for FuzzXlsx, whose every input leaks ZIPFoundation's few bytes (lsan.supp):
# libFuzzer would scan the whole heap after each one, 20 times slower)
TARGETS="FuzzAmountParser:amount-corpus:4096:amount.dict:each FuzzPledgeFiles:file-corpus:65536:file.dict:each FuzzXlsx:xlsx-corpus:65536:xlsx.dict:corpus"

for spec in $TARGETS; do
    target=${spec%%:*}
    echo "Building $target with libFuzzer and AddressSanitizer"
    # shellcheck disable=SC2086
    $SWIFT build $BUILD_FLAGS --product "$target" 2>&1 | grep -v '^\[' || true
    [ -x "$BUILD/release/$target" ] || { echo "fuzz: building $target failed" >&2; exit 2; }
done

failed=""
for spec in $TARGETS; do
    IFS=: read -r target corpus max_len dict leaks <<SPEC
$spec
SPEC
    leak_flag=""
    [ "$leaks" = corpus ] && leak_flag="-detect_leaks=0"
    work="$OUT/$target"
    mkdir -p "$work/corpus"
    log="$work/fuzz.log"
    echo "Fuzzing $target for $FUZZ_SECONDS s (log: $log)"
    # SWIFT_BACKTRACE: leave crashes to libFuzzer and ASan, whose reports the
    # Swift runtime's backtracer would otherwise garble.
    # shellcheck disable=SC2086
    SWIFT_BACKTRACE=enable=no "$BUILD/release/$target" "$work/corpus" "Tests/Fuzz/$corpus" \
        -dict="Tests/Fuzz/$dict" -max_total_time="$FUZZ_SECONDS" -max_len="$max_len" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 $leak_flag \
        -artifact_prefix="$work/" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
    if [ "$status" -eq 0 ] && [ "$leaks" = corpus ]; then
        echo "Checking every input of $target's corpora for leaks (log: $work/leaks.log)"
        SWIFT_BACKTRACE=enable=no "$BUILD/release/$target" -runs=0 -detect_leaks=1 -max_len="$max_len" \
            -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$work/" \
            "$work/corpus" "Tests/Fuzz/$corpus" >"$work/leaks.log" 2>&1
        status=$?
        [ "$status" -eq 0 ] || log="$work/leaks.log"
        grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$work/leaks.log" | tail -n 1
    fi
    echo "$target: ${runs:-?} executions (${rate:-?}/s), exit status $status"
    if [ "$status" -ne 0 ]; then
        failed="$failed $target"
        echo "---- $target failed; the end of its log:" >&2
        grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -n 60 >&2
        grep -h 'Test unit written to' "$log" >&2
    elif [ -n "$FUZZ_MERGE" ]; then
        echo "Merging new inputs of $target into Tests/Fuzz/$corpus"
        SWIFT_BACKTRACE=enable=no "$BUILD/release/$target" -merge=1 -max_len="$max_len" -rss_limit_mb=2048 -timeout=10 \
            "Tests/Fuzz/$corpus" "$work/corpus" >"$work/merge.log" 2>&1 \
            || { echo "fuzz: merging $target failed, see $work/merge.log" >&2; failed="$failed $target"; }
        grep -E 'MERGE-OUTER: [0-9]+ new files' "$work/merge.log"
    fi
done

if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed (inputs in $OUT/<target>/)" >&2
    exit 1
fi
