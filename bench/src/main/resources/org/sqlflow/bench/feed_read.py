"""Times sqlflow_runtime.feed.read of a feed directory; prints 'rows <n> seconds <s>'."""
import sys
import time

from sqlflow_runtime import feed


def main():
    started = time.perf_counter()
    columns = feed.read(sys.argv[1])
    elapsed = time.perf_counter() - started
    rows = len(next(iter(columns.values())))
    total = sum(float(values.sum()) for values in columns.values())
    print("rows %d seconds %.6f checksum %.6g" % (rows, elapsed, total))


if __name__ == "__main__":
    main()
