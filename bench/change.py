#!/usr/bin/env python3
"""Makes "next week's" pledge file from a generated one, for timing `diff`
and a run that has a previous run to compare with.

    python3 bench/change.py IN.csv OUT.csv [--changed N] [--removed N] [--added N]

Rows are spread evenly over the file: --changed N rows get the amount
`<k> M€` (k = 1, 2, …: always a different, readable amount), --removed N rows
are left out, --added N new rows (investor `Bench added <k>`) are inserted.
Deterministic: the same arguments give the same bytes. Standard library only.
"""
import argparse
import csv
import sys


def every(count, total, offset):
    """`count` row numbers spread over 1..total, shifted by `offset`."""
    if count <= 0:
        return set()
    step = max(total // count, 1)
    return {1 + (offset + i * step) % total for i in range(count)}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--changed", type=int, default=1000)
    p.add_argument("--removed", type=int, default=0)
    p.add_argument("--added", type=int, default=0)
    a = p.parse_args(argv)
    with open(a.input, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    amount = header.index("amount")
    n = len(body)
    changed = every(a.changed, n, 0)
    removed = every(a.removed, n, 3) - changed
    added = every(a.added, n, 7)
    out = [header]
    k = 0
    for i, row in enumerate(body, start=1):
        if i in added:
            k += 1
            out.append([f"Bench added {k}" if h == "investor" else row[j] for j, h in enumerate(header)])
        if i in removed:
            continue
        if i in changed:
            row = list(row)
            row[amount] = f"{i} M€"
        out.append(row)
    with open(a.output, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
    print(f"{a.output}: {len(changed)} changed, {len(removed)} removed, {len(added)} added", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
