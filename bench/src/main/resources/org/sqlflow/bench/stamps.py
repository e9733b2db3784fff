"""Prints 'stamp <i> <unix micros>' lines at known times, flushing each (Python 3, no deps)."""
import argparse
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between lines")
    args = parser.parse_args()
    for i in range(args.lines):
        print("stamp %d %d" % (i, time.time_ns() // 1000), flush=True)
        time.sleep(args.pause)


if __name__ == "__main__":
    main()
