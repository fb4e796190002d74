#!/usr/bin/env python3
"""Runs two benchmark commands in turns, never at the same time, so both see the machine alike.

Usage: interleave.py OUT_A ERR_A OUT_B ERR_B -- COMMAND_A... -- COMMAND_B...

Each command must stop itself (SIGSTOP) at its turn boundaries: `singan-bench train --handoff-every N`
and `torch_singan.py --handoff-every N` do, at the start of every scale and after every N iterations.
This driver starts A and lets it run to its first stop, then B, then resumes whichever did not run last
each time the other stops, until both have exited. A virtual machine's speed can change for minutes at a
time; with turns of a few seconds each side's timed iterations fall into the same phases, so the ratio
of the two is trustworthy in one run. Prints how many turns each took; exits non-zero if either failed.
"""
import os
import signal
import subprocess
import sys


def start(command, out, err):
    with open(out, "w") as o, open(err, "w") as e:
        return subprocess.Popen(command, stdout=o, stderr=e)


def run_turn(pid):
    """Resumes `pid` (if stopped) and waits until it stops again or exits. Returns the exit status or None."""
    os.kill(pid, signal.SIGCONT)
    _, status = os.waitpid(pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        return None
    return os.waitstatus_to_exitcode(status)


def main():
    args = sys.argv[1:]
    if len(args) < 7 or args[4] != "--" or "--" not in args[5:]:
        sys.exit(__doc__)
    out_a, err_a, out_b, err_b = args[:4]
    split = args.index("--", 5)
    commands = [args[5:split], args[split + 1:]]
    files = [(out_a, err_a), (out_b, err_b)]
    processes = []
    exit_codes = [None, None]
    for i in range(2):
        processes.append(start(commands[i], *files[i]))
        exit_codes[i] = run_turn(processes[i].pid)  # runs to its first stop (SIGCONT on a running process is harmless)
        processes[i].returncode = exit_codes[i]
    turns = [1, 1]
    current = 0
    while None in exit_codes:
        if exit_codes[current] is None:
            exit_codes[current] = run_turn(processes[current].pid)
            turns[current] += 1
            processes[current].returncode = exit_codes[current]
        current = 1 - current
    print("interleave: %d and %d turns, exit codes %d and %d" % (turns[0], turns[1], *exit_codes), file=sys.stderr)
    for i in range(2):
        if exit_codes[i] != 0:
            with open(files[i][1]) as e:
                tail = e.read().strip().splitlines()[-5:]
            print("interleave: %s failed:\n  %s" % (commands[i][0], "\n  ".join(tail)), file=sys.stderr)
    sys.exit(0 if exit_codes == [0, 0] else 1)


if __name__ == "__main__":
    main()
