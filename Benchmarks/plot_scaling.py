"""Table and plot for `make scaling`: finest-scale seconds per iteration against its pixel count.

Usage: plot_scaling.py OUT_DIR RESULT.json PLOT.svg
Reads OUT_DIR/train-<size>.json (singan-bench train output), prints a Markdown table, writes the
numbers to RESULT.json and a small SVG line plot (converted to PNG with libvips by scaling.sh).
"""
import json
import pathlib
import platform
import sys


def cpu_name():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def load(out_dir):
    rows = []
    for path in sorted(pathlib.Path(out_dir).glob("train-*.json"), key=lambda p: int(p.stem.split("-")[1])):
        result = json.loads(path.read_text())
        finest = result["scales"][-1]
        rows.append({
            "maxSize": int(path.stem.split("-")[1]),
            "scales": len(result["scales"]),
            "finestWidth": finest["width"], "finestHeight": finest["height"],
            "finestChannels": finest["channels"],
            "pixels": finest["width"] * finest["height"],
            "secondsPerIteration": finest["secondsPerIteration"],
            "allScalesSecondsPerIteration": sum(s["secondsPerIteration"] for s in result["scales"]),
            "peakRSSMiB": result["trainingPeakRSSMiB"],
        })
    return rows


def svg(rows, width=640, height=400, margin=60):
    xmax = max(r["pixels"] for r in rows) * 1.1
    ymax = max(r["secondsPerIteration"] for r in rows) * 1.15
    def x(v): return margin + (width - 2 * margin) * v / xmax
    def y(v): return height - margin - (height - 2 * margin) * v / ymax
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="black"/>',
             f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="black"/>',
             f'<text x="{width / 2}" y="{height - 15}" font-family="sans-serif" font-size="14" text-anchor="middle">'
             'pixels at the finest scale</text>',
             f'<text x="18" y="{height / 2}" font-family="sans-serif" font-size="14" text-anchor="middle" '
             f'transform="rotate(-90 18 {height / 2})">seconds per training iteration (finest scale)</text>']
    for i in range(5):
        yv = ymax * i / 4
        parts.append(f'<text x="{margin - 6}" y="{y(yv) + 4}" font-family="sans-serif" font-size="11" '
                     f'text-anchor="end">{yv:.2g}</text>')
        xv = xmax * i / 4
        parts.append(f'<text x="{x(xv)}" y="{height - margin + 16}" font-family="sans-serif" font-size="11" '
                     f'text-anchor="middle">{xv / 1000:.3g}k</text>')
    points = " ".join(f"{x(r['pixels']):.1f},{y(r['secondsPerIteration']):.1f}" for r in rows)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#1f5fbf" stroke-width="2"/>')
    for r in rows:
        parts.append(f'<circle cx="{x(r["pixels"]):.1f}" cy="{y(r["secondsPerIteration"]):.1f}" r="4" fill="#1f5fbf"/>')
        right = x(r["pixels"]) > width * 0.6   # labels of the rightmost points go to their left
        parts.append(f'<text x="{x(r["pixels"]) + (-6 if right else 6):.1f}" y="{y(r["secondsPerIteration"]) - 8:.1f}" '
                     f'text-anchor="{"end" if right else "start"}" '
                     f'font-family="sans-serif" font-size="12">{r["maxSize"]} px '
                     f'({r["finestWidth"]}×{r["finestHeight"]}, {r["finestChannels"]} ch)</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main():
    out_dir, result_path, plot_path = sys.argv[1:4]
    rows = load(out_dir)
    print(f"CPU: {cpu_name()}")
    print("| max size | scales | finest scale | channels | pixels | s/iter finest | s/iter all scales | "
          "projected 2000 it | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        hours = r["allScalesSecondsPerIteration"] * 2000 / 3600
        print(f"| {r['maxSize']} | {r['scales']} | {r['finestWidth']}×{r['finestHeight']} | {r['finestChannels']} | "
              f"{r['pixels']} | {r['secondsPerIteration']:.3f} | {r['allScalesSecondsPerIteration']:.3f} | "
              f"{hours:.1f} h | {r['peakRSSMiB']:.0f} MiB |")
    pathlib.Path(result_path).write_text(json.dumps({"cpu": cpu_name(), "rows": rows}, indent=2) + "\n")
    pathlib.Path(plot_path).write_text(svg(rows))


if __name__ == "__main__":
    main()
