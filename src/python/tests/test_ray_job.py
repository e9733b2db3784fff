"""The Ray job wrapper: framed stdout/stderr lines, the program's outputs, its exit status."""
import base64
import io
import sys
import zipfile

from sqlflow_runtime import ray_job

MARKER = "@m@"


def framed(text, kind):
    return [line[len(MARKER) + 2:] for line in text.splitlines() if line.startswith(MARKER + kind)]


def test_stdout_stderr_and_new_or_changed_files_are_framed(tmp_path):
    (tmp_path / "input.txt").write_text("kept")
    (tmp_path / "changed.txt").write_text("old")
    (tmp_path / "program.py").write_text(
        "import sys, os\n"
        "print('epoch 0, train_loss = 1.0')\n"
        "print('warn', file=sys.stderr)\n"
        "os.makedirs('model')\n"
        "open('model/m.bin', 'wb').write(b'\\x00\\x01')\n"
        "open('changed.txt', 'w').write('new, longer')\n"
    )
    out = io.StringIO()
    status = ray_job.run(MARKER, [sys.executable, "-u", "program.py"], str(tmp_path), out)
    text = out.getvalue()
    assert status == 0
    assert framed(text, "O") == ["epoch 0, train_loss = 1.0"]
    assert framed(text, "E") == ["warn"]
    assert framed(text, "X") == ["0"]
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode("".join(framed(text, "F")))))
    assert sorted(archive.namelist()) == ["changed.txt", "model/m.bin"]
    assert archive.read("model/m.bin") == b"\x00\x01"


def test_a_failing_program_sends_its_traceback_and_status_but_no_files(tmp_path):
    (tmp_path / "program.py").write_text("open('out', 'w').write('x')\nraise ValueError('bad column')\n")
    out = io.StringIO()
    status = ray_job.run(MARKER, [sys.executable, "program.py"], str(tmp_path), out)
    text = out.getvalue()
    assert status == 1
    assert framed(text, "E")[-1] == "ValueError: bad column"
    assert framed(text, "F") == []
    assert framed(text, "X") == ["1"]


class _ListQueue:
    def __init__(self):
        self.items = []

    def put(self, item):
        self.items.append(item)


def test_rank_zero_stdout_reaches_the_driver_line_by_line_and_other_ranks_stay_silent():
    from sqlflow_runtime import distributed

    queue = _ListQueue()
    out = distributed._QueueLines(queue)
    out.write("epoch 0, train_loss = 1.0000\nepoch 1, ")
    out.write("train_loss = 0.5000\n")
    assert queue.items == [("line", "epoch 0, train_loss = 1.0000"), ("line", "epoch 1, train_loss = 0.5000")]
    distributed._QueueLines(None).write("dropped\n")


def test_a_worker_failure_is_reported_by_its_innermost_cause():
    from sqlflow_runtime import distributed

    try:
        try:
            raise ValueError("column 'x': bad value\nsecond line")
        except ValueError as inner:
            raise RuntimeError("Training failed due to worker errors") from inner
    except RuntimeError as outer:
        assert distributed._cause(outer) == "ValueError: column 'x': bad value"
    worker_group = RuntimeError(
        "Training failed due to worker errors:\n[Rank 0 Error Snippet]:\nTraceback (most recent call last):\n"
        "  File \"w.py\", line 1, in f\nValueError: column 'x': category id 5.1 is not an integer\n")
    assert distributed._cause(worker_group) == "ValueError: column 'x': category id 5.1 is not an integer"
