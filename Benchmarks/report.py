#!/usr/bin/env python3
"""Merges the JSON files of one `make bench` run into one table (ours, PyTorch, ratio) and a results file.

Usage: report.py BENCH_OUTPUT_DIR RESULTS_JSON
"""
import json
import os
import platform
import sys


def load(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text.splitlines()[-1]) if name.endswith("conv.json") or name.endswith("sample.json") \
        or name == "swift_train.json" else json.loads(text)


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


def main():
    directory, results_path = sys.argv[1], sys.argv[2]
    sc, tc = load(directory, "swift_conv.json"), load(directory, "torch_conv.json")
    st, tt = load(directory, "swift_train.json"), load(directory, "torch_singan.json")
    ss = load(directory, "swift_sample.json")
    cpu = cpu_name()
    print("\nCPU: %s, %d cores" % (cpu, os.cpu_count()))
    report = {"cpu": cpu, "cores": os.cpu_count(), "conv": {}, "training": [], "generation": {}, "memory": {}}

    print("\n3x3 conv 64->64 on 1x64x177x260     ours ms  GFLOPS   torch ms  GFLOPS   ratio")
    pairs = [("forward", "forwardMs", "forwardGFLOPS", "forward"),
             ("grad wrt input", "inputGradientMs", "inputGradientGFLOPS", "grad_input"),
             ("grad wrt weight", "weightGradientMs", "weightGradientGFLOPS", "grad_weight")]
    for label, ms, gf, key in pairs:
        theirs = tc[key] if tc else None
        r = ratio(sc[ms], theirs["median_ms"] if theirs else None)
        print("  %-32s %8.2f  %6.1f   %8s  %6s   %s" % (label, sc[ms], sc[gf], fmt(theirs and theirs["median_ms"], "%.2f"),
                                                      fmt(theirs and theirs["gflops"], "%.1f"), fmt(r, "%.2f")))
        report["conv"][key] = {"ours_ms": sc[ms], "ours_gflops": sc[gf], "torch_ms": theirs and theirs["median_ms"],
                               "ratio": r}
    total_ours = sc["forwardMs"] + sc["inputGradientMs"] + sc["weightGradientMs"]
    total_torch = tc and (tc["forward"]["median_ms"] + tc["backward_all"]["median_ms"])
    print("  %-32s %8.2f           %8s           %s" % ("forward + backward", total_ours, fmt(total_torch, "%.2f"),
                                                        fmt(ratio(total_ours, total_torch), "%.2f")))
    print("  sgemm GFLOPS (M=64,K=576,N=40000): ours %.1f, torch %s; our forward reaches %.0f%% of sgemm"
          % (sc["sgemmGFLOPS"], fmt(tc and tc["sgemm"]["gflops"], "%.1f"), 100 * sc["forwardGFLOPS"] / sc["sgemmGFLOPS"]))

    print("\ntraining, seconds per iteration")
    print("  scale  size (HxW)  ch    ours s/it   torch s/it   ratio")
    torch_scales = {r["scale"]: r for r in tt["scales"]} if tt else {}
    for s in st["scales"]:
        theirs = torch_scales.get(s["scale"], {}).get("sec_per_iter")
        r = ratio(s["secondsPerIteration"], theirs)
        print("  %5d  %4dx%-5d  %3d   %9.4f   %10s   %s" % (s["scale"], s["height"], s["width"], s["channels"],
                                                         s["secondsPerIteration"], fmt(theirs), fmt(r, "%.2f")))
        report["training"].append(dict(s, torch_sec_per_iter=theirs, ratio=r))
    ours_total = sum(s["secondsPerIteration"] for s in st["scales"])
    torch_total = sum(r["sec_per_iter"] for r in tt["scales"]) if tt else None
    print("  projected 2000-iteration training: ours %.1f min, torch %s min" % (
        ours_total * 2000 / 60, fmt(torch_total and torch_total * 2000 / 60, "%.1f")))

    gen_theirs = tt and tt.get("generation")
    print("\ngeneration: %d samples at %dx%d: ours %.2f s, torch %s s, ratio %s" % (
        ss["samples"], ss["width"], ss["height"], ss["seconds"], fmt(gen_theirs and gen_theirs["total_sec"], "%.2f"),
        fmt(ratio(ss["seconds"], gen_theirs and gen_theirs["total_sec"]), "%.2f")))
    report["generation"] = {"ours": ss, "torch": gen_theirs}
    torch_train_rss = tt and tt["rss_mib"]["peak_training"]
    torch_gen_rss = tt and tt["rss_mib"].get("peak_generation")
    print("peak RSS MiB: training ours %.0f, torch %s (ratio %s); generation ours %.0f, torch %s (ratio %s)" % (
        st["trainingPeakRSSMiB"], fmt(torch_train_rss, "%.0f"), fmt(ratio(st["trainingPeakRSSMiB"], torch_train_rss), "%.2f"),
        ss["peakRSSMiB"], fmt(torch_gen_rss, "%.0f"), fmt(ratio(ss["peakRSSMiB"], torch_gen_rss), "%.2f")))
    report["memory"] = {"training_ours": st["trainingPeakRSSMiB"], "training_torch": torch_train_rss,
                        "generation_ours": ss["peakRSSMiB"], "generation_torch": torch_gen_rss}
    with open(results_path, "w") as f:
        json.dump(report, f, indent=1)
    print("\nwrote %s" % results_path)


if __name__ == "__main__":
    main()
