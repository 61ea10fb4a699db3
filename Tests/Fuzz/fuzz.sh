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
# -enable-testing: the file checks compare chunk sizes through internal API.
BUILD_FLAGS="-c release --scratch-path $BUILD -Xswiftc -sanitize=fuzzer,address -Xswiftc -D -Xswiftc FUZZING -Xswiftc -enable-testing"
# target, kept corpus, longest input, dictionary
TARGETS="FuzzAmountParser:amount-corpus:4096:amount.dict FuzzPledgeFiles:file-corpus:65536:file.dict FuzzXlsx:xlsx-corpus:65536:xlsx.dict"

for spec in $TARGETS; do
    target=${spec%%:*}
    echo "Building $target with libFuzzer and AddressSanitizer"
    # shellcheck disable=SC2086
    $SWIFT build $BUILD_FLAGS --product "$target" 2>&1 | grep -v '^\[' || true
    [ -x "$BUILD/release/$target" ] || { echo "fuzz: building $target failed" >&2; exit 2; }
done

failed=""
for spec in $TARGETS; do
    IFS=: read -r target corpus max_len dict <<SPEC
$spec
SPEC
    work="$OUT/$target"
    mkdir -p "$work/corpus"
    log="$work/fuzz.log"
    echo "Fuzzing $target for $FUZZ_SECONDS s (log: $log)"
    # SWIFT_BACKTRACE: leave crashes to libFuzzer and ASan, whose reports the
    # Swift runtime's backtracer would otherwise garble.
    SWIFT_BACKTRACE=enable=no "$BUILD/release/$target" "$work/corpus" "Tests/Fuzz/$corpus" \
        -dict="Tests/Fuzz/$dict" -max_total_time="$FUZZ_SECONDS" -max_len="$max_len" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
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
