"""A stand-in for a generated training program, for job engine tests (Python 3, no deps).

Prints "epoch N, train_loss = X" lines and, on demand, fails, hangs, floods stdout or starts
a child process that ignores SIGTERM.
"""
import argparse
import os
import signal
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds to sleep after each epoch line")
    parser.add_argument("--stamp", action="store_true",
                        help="append ' at <unix millis>' to each epoch line")
    parser.add_argument("--fail-after", type=int, default=-1,
                        help="raise ValueError after this many epoch lines")
    parser.add_argument("--hang", type=float, default=0.0,
                        help="seconds to stay silent after the first epoch line")
    parser.add_argument("--flood", type=int, default=0,
                        help="print this many numbered lines as fast as possible")
    parser.add_argument("--spawn-child", action="store_true",
                        help="start a child that ignores SIGTERM, print its pid, then wait")
    parser.add_argument("--stderr-status", type=int, default=-1,
                        help="write a line to stderr and exit with this status")
    parser.add_argument("--no-final-newline", action="store_true",
                        help="end with a line that has no newline")
    args = parser.parse_args()

    if args.flood:
        out = sys.stdout
        for i in range(args.flood):
            out.write("line %d\n" % i)
        out.flush()
        return

    print("pid %d" % os.getpid(), flush=True)
    if args.spawn_child:
        child = subprocess.Popen([
            sys.executable, "-c",
            "import signal, time\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "time.sleep(600)\n",
        ])
        print("child pid %d" % child.pid, flush=True)
        child.wait()
        return

    for epoch in range(args.epochs):
        if epoch == args.fail_after:
            raise ValueError("could not convert string to float: 'abc'")
        line = "epoch %d, train_loss = %.4f" % (epoch, 1.0 / (epoch + 1))
        if args.stamp:
            line += " at %d" % int(time.time() * 1000)
        print(line, flush=True)
        if epoch == 0 and args.hang > 0:
            time.sleep(args.hang)
        if args.pause > 0:
            time.sleep(args.pause)

    if args.stderr_status >= 0:
        sys.stderr.write("fatal: the disk is full\n")
        sys.exit(args.stderr_status)
    if args.no_final_newline:
        sys.stdout.write("Done training\r\nno newline at the end")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
