"""Table of Benchmarks/contention.sh: seconds per iteration summed over the scales (every timed
iteration counted, disturbed or not), alone and beside busy loops, for ours and PyTorch."""
import argparse
import datetime
import json
import os
import platform
import subprocess


def seconds_per_pass(path, side):
    """Seconds for one iteration at every scale: the sum over scales of the mean timed iteration."""
    with open(path) as f:
        result = json.load(f)
    if side == "swift":
        return sum(s["secondsPerIteration"] for s in result["scales"])
    return sum(s["sec_per_iter_mean_all_timed"] for s in result["scales"])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("results")
    parser.add_argument("--busy", type=int, required=True)
    args = parser.parse_args()
    seconds = {(side, condition): seconds_per_pass(os.path.join(args.folder, f"{side}_{condition}.json"), side)
               for side in ("swift", "torch") for condition in ("alone", "busy")}
    fair = (args.busy + 2) / 2
    print(f"seconds for one iteration at every scale; fair share of the cores: {fair:.1f}× slower")
    print(f"{'':8} {'alone':>8} {'busy':>8} {'slowdown':>9} {'vs fair':>8}")
    rows = {}
    for side, name in (("swift", "ours"), ("torch", "PyTorch")):
        alone, busy = seconds[(side, "alone")], seconds[(side, "busy")]
        rows[side] = {"alone_sec": alone, "busy_sec": busy, "slowdown": busy / alone,
                      "slowdown_over_fair_share": busy / alone / fair}
        print(f"{name:8} {alone:8.3f} {busy:8.3f} {busy / alone:8.2f}× {busy / alone / fair:7.2f}×")
    ratio = {c: seconds[("swift", c)] / seconds[("torch", c)] for c in ("alone", "busy")}
    print(f"ours / PyTorch: alone {ratio['alone']:.2f}, beside the busy loops {ratio['busy']:.2f}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    with open(args.results, "w") as f:
        json.dump({"benchmark": "contention", "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                   "commit": commit, "machine": platform.processor() or platform.machine(),
                   "cores": os.cpu_count(), "busy_loops": args.busy, "fair_slowdown": fair,
                   "ours": rows["swift"], "pytorch": rows["torch"], "ours_over_pytorch": ratio}, f, indent=2)
    print(f"results: {args.results}")


if __name__ == "__main__":
    main()
