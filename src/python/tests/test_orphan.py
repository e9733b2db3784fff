"""A generated program stops by itself when the server that started it dies."""
import os
import signal
import subprocess
import sys
import time

RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The "server": starts a program that imports the runtime and would sleep for a minute,
# prints the program's pid, then waits to be killed.
SERVER = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c",
    "import sqlflow_runtime, time; print('ready', flush=True); time.sleep(60)"],
    stdout=subprocess.PIPE, text=True)
assert child.stdout.readline().strip() == "ready"
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[1].split()[0] != "Z"


def test_program_exits_when_its_server_is_killed():
    env = dict(os.environ, PYTHONPATH=RUNTIME_DIR)
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True,
                              env=env)
    program = int(server.stdout.readline())
    assert _alive(program)
    server.send_signal(signal.SIGKILL)
    server.wait()
    deadline = time.time() + 5
    while _alive(program) and time.time() < deadline:
        time.sleep(0.1)
    assert not _alive(program), "the program outlived its server"


def test_program_keeps_running_while_its_server_lives():
    env = dict(os.environ, PYTHONPATH=RUNTIME_DIR)
    program = subprocess.Popen([sys.executable, "-c",
                                "import sqlflow_runtime, time; time.sleep(2.5); print('done')"],
                               stdout=subprocess.PIPE, text=True, env=env)
    out, _ = program.communicate(timeout=20)
    assert program.returncode == 0
    assert out.strip() == "done"
