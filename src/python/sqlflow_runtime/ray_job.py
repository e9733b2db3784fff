"""Entry point of a generated program run as a Ray job (the server's --ray-address backend).

A Ray job has one log that mixes stdout, stderr and Ray's own lines, and no way to hand files
back. This wrapper runs the program as a child process and frames what the server needs on
stdout, each line starting with a marker the server chose for this job:

    <marker>O <line>     a line the program printed on stdout (a user-visible log row)
    <marker>E <line>     a line the program printed on stderr (explains a failure)
    <marker>F <base64>   a piece of a zip of the files the program wrote or changed
    <marker>X <status>   the program's exit status, last

Lines without the marker (Ray's own) are not the program's. Outputs travel in the log because
the server and the cluster share no file system and the cluster need not reach the server.

    python -u -m sqlflow_runtime.ray_job MARKER python -u program.py
"""

import base64
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile

CHUNK = 8192  # base64 characters per F line
SKIPPED_DIRS = {"__pycache__", "sqlflow_runtime"}


def snapshot(root):
    """(size, mtime) of every file under root, by relative path."""
    files = {}
    for directory, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in names:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            files[os.path.relpath(path, root)] = (stat.st_size, stat.st_mtime_ns)
    return files


def changed_files(before, after):
    """Paths that are new in after or differ from before: the program's outputs."""
    return sorted(path for path, state in after.items() if before.get(path) != state)


def zip_files(root, paths):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(os.path.join(root, path), path)
    return buffer.getvalue()


class FramedOutput:
    """Writes framed lines to stdout, one whole line at a time from any thread."""

    def __init__(self, marker, out):
        self.marker = marker
        self.out = out
        self.lock = threading.Lock()

    def line(self, kind, text):
        with self.lock:
            self.out.write(f"{self.marker}{kind} {text}\n")
            self.out.flush()

    def pump(self, kind, stream):
        for raw in iter(stream.readline, b""):
            self.line(kind, raw.decode("utf-8", "replace").rstrip("\r\n"))

    def files(self, data):
        text = base64.b64encode(data).decode("ascii")
        for start in range(0, len(text), CHUNK):
            self.line("F", text[start : start + CHUNK])


def run(marker, command, root=".", out=sys.stdout):
    # The program runs in a private copy of Ray's working directory: Ray deletes and re-creates
    # that directory when the last of the job's Ray workers (train.workers) ends.
    work = tempfile.mkdtemp(prefix="sqlflow-job-")
    try:
        shutil.copytree(root, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        return _run_in(marker, command, work, FramedOutput(marker, out))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_in(marker, command, root, output):
    before = snapshot(root)
    child = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def stop(signum, frame):
        # Ray's stop signal: pass it on, so the program ends with its own clean-up.
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pumps = [
        threading.Thread(target=output.pump, args=("O", child.stdout), daemon=True),
        threading.Thread(target=output.pump, args=("E", child.stderr), daemon=True),
    ]
    for pump in pumps:
        pump.start()
    status = child.wait()
    for pump in pumps:
        pump.join()
    if status == 0:
        output.files(zip_files(root, changed_files(before, snapshot(root))))
    output.line("X", str(status))
    return status


def main(argv):
    if len(argv) < 3:
        print("usage: python -m sqlflow_runtime.ray_job MARKER COMMAND...", file=sys.stderr)
        return 2
    return run(argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
