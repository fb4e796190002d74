#!/usr/bin/env python3
"""Work lost by a SIGKILL at a random moment of `singan-edit train` with mid-scale snapshots.

Each run trains one image, kills the process with SIGKILL at a random moment, and compares what
the training had done when it was killed (the live progress line, read from a pseudo-terminal so it
is printed every 0.2 s) with what the model file holds (`info --json`: finished scales and the
snapshot's iteration). Prints one line per kill and the maximum loss in iterations and seconds.

Usage: Benchmarks/snapshot_loss.py BIN IMAGE [--kills 12] [--snapshot-every 0.05] [--max-size 64]
"""
import argparse, json, os, pty, random, re, select, signal, subprocess, tempfile, time

PROGRESS = re.compile(r"scale (\d+)/(\d+) .*? it (\d+)/(\d+) .*? ([\d.]+) it/s")


def one_kill(args, seconds, directory):
    out = os.path.join(directory, "m.sgn")
    master, slave = pty.openpty()
    command = [args.bin, "train", args.image, "-o", out, "--max-size", str(args.max_size),
               "--iterations", str(args.iterations), "--seed", "1", "--snapshot-every", str(args.snapshot_every)]
    process = subprocess.Popen(command, stdout=slave, stderr=slave)
    os.close(slave)
    text, start = b"", time.monotonic()
    while time.monotonic() - start < seconds:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                text += os.read(master, 65536)
            except OSError:
                break
    process.send_signal(signal.SIGKILL)
    killed_at = time.time()
    process.wait()
    os.close(master)
    last = PROGRESS.findall(text.decode(errors="replace"))
    if not last or not os.path.exists(out):
        return None
    scale, _, done, _, rate = last[-1]
    scale, done, rate = int(scale) - 1, int(done), float(rate)
    info = json.loads(subprocess.run([args.bin, "info", out, "--json"], capture_output=True, text=True, check=True).stdout)
    saved = info["snapshot"]["iterationsDone"] if info.get("snapshot") and info["snapshot"]["scale"] == scale else 0
    if info["trainedScales"] > scale:
        saved = done  # the scale finished (and was saved) after the last progress line
    lost_iterations = max(done - saved, 0)
    lost_seconds = killed_at - os.path.getmtime(out)
    os.remove(out)
    return scale, done, saved, lost_iterations, lost_seconds, rate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("image")
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--snapshot-every", type=float, default=0.05, help="minutes")
    parser.add_argument("--max-size", type=int, default=64)
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--latest", type=float, default=30, help="latest kill, seconds after the start")
    args = parser.parse_args()
    rng = random.Random(2026)
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for k in range(args.kills):
            seconds = rng.uniform(2, args.latest)
            r = one_kill(args, seconds, directory)
            if r is None:
                print(f"kill {k + 1:2d} at {seconds:5.1f} s: before the first save")
                continue
            scale, done, saved, lost, lost_s, rate = r
            results.append(r)
            print(f"kill {k + 1:2d} at {seconds:5.1f} s: scale {scale}, iteration {done}, file holds {saved}; "
                  f"lost {lost} iterations, {lost_s:.1f} s since the last save ({rate:.1f} it/s)")
    if results:
        print(f"{len(results)} kills, snapshot every {args.snapshot_every * 60:g} s: at most "
              f"{max(r[3] for r in results)} iterations and {max(r[4] for r in results):.1f} s lost")


if __name__ == "__main__":
    main()
