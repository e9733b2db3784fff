"""Times a predict program's write of its result: one int64 class id per fed row.

argv: feed directory, output file, "result" (the result-table stream, contract section 5) or "bin" (the
old one float64 per row). Reads the feed first (untimed), then prints 'rows <n> seconds <s>'.
"""
import sys
import time

import numpy as np

from sqlflow_runtime import feed, results


def main():
    data = feed.read(sys.argv[1])
    first = next(iter(data.values()))
    ids = (np.nan_to_num(first).astype(np.int64) % 3)
    started = time.perf_counter()
    if sys.argv[3] == "result":
        with results.TableWriter(sys.argv[2], [("class", "int64")]) as out:
            out.write_columns([ids])
    else:
        np.asarray(ids, dtype="<f8").tofile(sys.argv[2])
    elapsed = time.perf_counter() - started
    print("rows %d seconds %.6f" % (len(ids), elapsed))


if __name__ == "__main__":
    main()
