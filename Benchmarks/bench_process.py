"""What a benchmark process measures of itself and of the machine: peak memory, the machine's busy
CPU time (to flag iterations that other processes disturbed), and its turns with the other side of
the benchmark. Shared by torch_singan.py and torch_consingan.py.
"""
import os
import resource
import signal
import sys


def maxrss_mib():
    """Peak resident set size of this process in MiB.

    Linux: VmHWM from /proc/self/status, the high-water mark of this process's own address space.
    getrusage(RUSAGE_SELF).ru_maxrss is not used there because Linux carries it over fork+exec: a
    child started by a 1.4 GiB trainer would report at least 1.4 GiB. Elsewhere: ru_maxrss.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / (1024.0 * 1024.0) if sys.platform == "darwin" else r / 1024.0


_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy_sec():
    """CPU seconds spent busy by the whole machine (all processes), from /proc/stat; None if unavailable.

    Used to flag iterations disturbed by other processes: busy time that is not ours means the
    2 cores were shared while we were timing (e.g. someone compiling).
    """
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        # user nice system idle iowait irq softirq steal ...
        return (v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)) / _CLK_TCK
    except (OSError, ValueError, IndexError):
        return None


def ru_maxrss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def is_disturbed(rec):
    """An iteration is disturbed when other processes used more than 10% of the machine's CPU meanwhile."""
    o = rec.get("others_cpu")
    return o is not None and o > max(0.03, 0.10 * rec["wall"] * (os.cpu_count() or 1))


def timing_finished(records, step, n_warmup, n_timed, max_extra):
    """True once a scale's timing loop is done at `step` (0-based, warm-up included): `n_timed` timed
    iterations undisturbed by other processes (`records`, one per timed iteration, each with
    "disturbed"), or `n_timed + max_extra` timed iterations in all."""
    n_rec = step - n_warmup
    if n_rec < n_timed:
        return False
    clean = sum(1 for r in records if not r["disturbed"])
    return clean >= n_timed or n_rec >= n_timed + max_extra


def take_turn(opt, step):
    """--handoff-every N (`opt.handoff_every`, 0 = never): stops this process (SIGSTOP) at step 0 of every
    scale or stage and after every N iterations, so that Benchmarks/interleave.py can alternate it with
    ours; time spent stopped is never timed."""
    every = getattr(opt, "handoff_every", 0)
    if every > 0 and step % every == 0:
        os.kill(os.getpid(), signal.SIGSTOP)
