#!/usr/bin/env python3
"""Merges the JSON files of one `make bench` run into one table (ours, PyTorch, ratio) and a results file.

Usage: report.py BENCH_OUTPUT_DIR RESULTS_JSON [--turn N] [--warmup N]

Families: the files FAMILY_swift_train.json, FAMILY_torch_train.json, FAMILY_swift_sample.N.json and
FAMILY_torch_generation.N.json of each family measured (singan, consingan) give one section each.

Convolution and generation: the median over the alternating rounds (files NAME.ROUND.json). Training:
the mean seconds per timed iteration of each scale (PyTorch's leaves out iterations that other
processes disturbed), and, because the two ran in turns of --turn iterations, the ratio of every
turn's mean to the other side's same turn: its range shows how steady the comparison was.
"""
import argparse
import glob
import json
import os
import platform
import statistics


def last_json_line(path):
    with open(path) as f:
        return json.loads(f.read().strip().splitlines()[-1])


def rounds(directory, name):
    """The per-round results NAME.1.json, NAME.2.json, … in round order."""
    paths = sorted(glob.glob(os.path.join(directory, name + ".*.json")),
                   key=lambda p: int(p.rsplit(".", 2)[1]))
    return [last_json_line(p) for p in paths]


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ratio(ours, theirs):
    return ours / theirs if ours is not None and theirs else None


def fmt(v, spec="%.4f"):
    return spec % v if v is not None else "-"


def median_of(results, get):
    values = [get(r) for r in results]
    return statistics.median(values) if values else None


def turn_ratios(ours_seconds, torch_seconds, warmup, turn):
    """Ratio of the mean iteration time of each turn (ours) to the same turn's (PyTorch's)."""
    def by_turn(seconds):
        turns = {}
        for j, s in enumerate(seconds):
            turns.setdefault((warmup + j) // turn, []).append(s)
        return turns
    ours, theirs = by_turn(ours_seconds), by_turn(torch_seconds)
    return [statistics.fmean(ours[k]) / statistics.fmean(theirs[k]) for k in sorted(ours) if k in theirs]


def conv_table(swift_rounds, torch_rounds, report):
    print("\n3x3 conv 64->64 on 1x64x177x260 (median of %d rounds)  ours ms  GFLOPS   torch ms  GFLOPS   ratio"
          % len(swift_rounds))
    pairs = [("forward", "forwardMs", "forwardGFLOPS", "forward"),
             ("grad wrt input", "inputGradientMs", "inputGradientGFLOPS", "grad_input"),
             ("grad wrt weight", "weightGradientMs", "weightGradientGFLOPS", "grad_weight")]
    total_ours = 0.0
    for label, ms, gf, key in pairs:
        ours_ms, ours_gf = median_of(swift_rounds, lambda r: r[ms]), median_of(swift_rounds, lambda r: r[gf])
        theirs_ms = median_of(torch_rounds, lambda r: r[key]["median_ms"])
        theirs_gf = median_of(torch_rounds, lambda r: r[key]["gflops"])
        r = ratio(ours_ms, theirs_ms)
        print("  %-50s %8.2f  %6.1f   %8s  %6s   %s" % (label, ours_ms, ours_gf, fmt(theirs_ms, "%.2f"),
                                                      fmt(theirs_gf, "%.1f"), fmt(r, "%.2f")))
        report["conv"][key] = {"ours_ms": ours_ms, "ours_gflops": ours_gf, "torch_ms": theirs_ms, "ratio": r}
        total_ours += ours_ms
    total_torch = median_of(torch_rounds, lambda r: r["forward"]["median_ms"] + r["backward_all"]["median_ms"])
    print("  %-50s %8.2f           %8s           %s" % ("forward + backward", total_ours, fmt(total_torch, "%.2f"),
                                                        fmt(ratio(total_ours, total_torch), "%.2f")))
    sgemm = median_of(swift_rounds, lambda r: r["sgemmGFLOPS"])
    print("  sgemm GFLOPS (M=64,K=576,N=40000): ours %.1f, torch %s; our forward reaches %.0f%% of sgemm"
          % (sgemm, fmt(median_of(torch_rounds, lambda r: r["sgemm"]["gflops"]), "%.1f"),
             100 * report["conv"]["forward"]["ours_gflops"] / sgemm))


def training_table(st, tt, warmup, turn, report):
    print("\ntraining, seconds per iteration (mean of the timed iterations; both sides taking turns every %d)" % turn)
    print("  scale  size (HxW)  ch    ours s/it   torch s/it   ratio   per-turn ratios")
    torch_scales = {r["scale"]: r for r in tt["scales"]} if tt else {}
    for s in st["scales"]:
        row = torch_scales.get(s["scale"], {})
        theirs = row.get("sec_per_iter")
        r = ratio(s["secondsPerIteration"], theirs)
        turns = turn_ratios(s["iterationSeconds"], [i["wall"] for i in row.get("iterations", [])], warmup, turn) \
            if row else []
        spread = "%.2f–%.2f" % (min(turns), max(turns)) if turns else "-"
        print("  %5d  %4dx%-5d  %3d   %9.4f   %10s   %5s   %s" % (s["scale"], s["height"], s["width"], s["channels"],
                                                               s["secondsPerIteration"], fmt(theirs),
                                                               fmt(r, "%.2f"), spread))
        entry = {k: v for k, v in s.items() if k != "iterationSeconds"}
        report["training"].append(dict(entry, torch_sec_per_iter=theirs, ratio=r, turn_ratios=turns))
    ours_total = sum(s["secondsPerIteration"] for s in st["scales"])
    torch_total = sum(r["sec_per_iter"] for r in tt["scales"]) if tt else None
    print("  projected 2000-iteration training: ours %.1f min, torch %s min, ratio %s" % (
        ours_total * 2000 / 60, fmt(torch_total and torch_total * 2000 / 60, "%.1f"),
        fmt(ratio(ours_total, torch_total), "%.2f")))
    report["projected_training_minutes"] = {"ours": ours_total * 2000 / 60,
                                            "torch": torch_total and torch_total * 2000 / 60}


def family_report(directory, family, warmup, turn):
    """Training, generation and memory of one family (files FAMILY_*.json), printed and returned."""
    ss, tg = rounds(directory, family + "_swift_sample"), rounds(directory, family + "_torch_generation")
    st = last_json_line(os.path.join(directory, family + "_swift_train.json"))
    torch_path = os.path.join(directory, family + "_torch_train.json")
    tt = json.load(open(torch_path)) if os.path.exists(torch_path) else None
    report = {"training": [], "generation": {}, "memory": {}}
    print("\n==== %s" % family)
    training_table(st, tt, warmup, turn, report)
    ours_gen = median_of(ss, lambda r: r["seconds"])
    theirs_gen = median_of(tg, lambda r: r["total_sec"])
    print("\ngeneration: %d samples at %dx%d (median of %d rounds): ours %.2f s, torch %s s, ratio %s" % (
        ss[0]["samples"], ss[0]["width"], ss[0]["height"], len(ss), ours_gen, fmt(theirs_gen, "%.2f"),
        fmt(ratio(ours_gen, theirs_gen), "%.2f")))
    report["generation"] = {"ours_sec": ours_gen, "torch_sec": theirs_gen, "ratio": ratio(ours_gen, theirs_gen),
                            "ours_rounds": ss, "torch_rounds": tg}
    torch_train_rss = tt and tt["rss_mib"]["peak_training"]
    ours_gen_rss = max(r["peakRSSMiB"] for r in ss)
    torch_gen_rss = max(r["peak_rss_mib"] for r in tg) if tg else None
    print("peak RSS MiB: training ours %.0f, torch %s (ratio %s); generation ours %.0f, torch %s (ratio %s)" % (
        st["trainingPeakRSSMiB"], fmt(torch_train_rss, "%.0f"), fmt(ratio(st["trainingPeakRSSMiB"], torch_train_rss), "%.2f"),
        ours_gen_rss, fmt(torch_gen_rss, "%.0f"), fmt(ratio(ours_gen_rss, torch_gen_rss), "%.2f")))
    report["memory"] = {"training_ours": st["trainingPeakRSSMiB"], "training_torch": torch_train_rss,
                        "generation_ours": ours_gen_rss, "generation_torch": torch_gen_rss}
    return report


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("directory")
    ap.add_argument("results")
    ap.add_argument("--turn", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    directory = args.directory
    sc, tc = rounds(directory, "swift_conv"), rounds(directory, "torch_conv")
    cpu = cpu_name()
    print("\nCPU: %s, %d cores" % (cpu, os.cpu_count()))
    report = {"cpu": cpu, "cores": os.cpu_count(), "rounds": len(sc), "turn": args.turn, "conv": {}}
    if sc:
        conv_table(sc, tc, report)
    for family in ("singan", "consingan"):
        if os.path.exists(os.path.join(directory, family + "_swift_train.json")):
            report[family] = family_report(directory, family, args.warmup, args.turn)
    with open(args.results, "w") as f:
        json.dump(report, f, indent=1)
    print("\nwrote %s" % args.results)


if __name__ == "__main__":
    main()
