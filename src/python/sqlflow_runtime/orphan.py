"""Ends a generated program whose server is gone.

The server runs each program in a session of its own so that it can stop the whole process
tree; if the server itself dies without stopping it (killed -9, a crash), nobody would. A
daemon thread notices that the parent process changed (the program was re-parented) and exits.
"""
import os
import sys
import threading
import time

_POLL_SECONDS = 1.0


def exit_when_orphaned(poll_seconds=_POLL_SECONDS):
    """Starts the watch once per process; returns the thread (for tests)."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                sys.stderr.write("sqlflow_runtime: the server is gone; stopping\n")
                sys.stderr.flush()
                os._exit(3)

    thread = threading.Thread(target=watch, name="sqlflow-orphan-watch", daemon=True)
    thread.start()
    return thread
