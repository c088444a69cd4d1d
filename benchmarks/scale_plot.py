"""Draw the corpus step's growth curve (docs/scale.svg) from measured points.

    python benchmarks/scale_plot.py [--points benchmarks/scale_points.json] [--out docs/scale.svg]

The points are rows `benchmarks/bench_scale_corpus.py` printed (full regroup with 2 workers:
wall and CPU seconds, peak RSS of the process tree), kept in a small JSON file with the commit,
the load and the command of each run. Two log-log panels: time against quotes, memory against
quotes, with a dotted line through the smallest point's cost per quote (linear growth) for
comparison. Plain SVG: no plotting library.
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

WIDTH, HEIGHT = 380, 300  # one panel
MARGIN = 60
SERIES = (("wall_s", "wall (s)", "#1f77b4"), ("cpu_s", "CPU (s)", "#ff7f0e"))


def _scale(lo: float, hi: float, size: int):
    """log10 axis from lo to hi onto [0, size]."""
    a, b = math.log10(lo), math.log10(hi)
    return lambda v: (math.log10(v) - a) / (b - a) * size


def _decades(lo: float, hi: float) -> list[float]:
    return [10.0 ** k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]


def _bounds(values: list[float]) -> tuple[float, float]:
    """The decades around the values (10,000,001 stays under 10^7's decade)."""
    return 10 ** math.floor(math.log10(min(values)) + 1e-6), 10 ** math.ceil(math.log10(max(values)) - 1e-6)


def _panel(points: list[dict], keys, title: str, unit: str, left: int) -> list[str]:
    xs = [p["quotes"] for p in points]
    ys = [p[k] for p in points for k, _, _ in keys]
    (x_lo, x_hi), (y_lo, y_hi) = _bounds(xs), _bounds(ys)
    fx, fy = _scale(x_lo, x_hi, WIDTH), _scale(y_lo, y_hi, HEIGHT)
    x0, y0 = left + MARGIN, MARGIN + HEIGHT  # the panel's origin (bottom left)
    clip = f"panel{left}"
    out = [f'<text x="{x0 + WIDTH / 2}" y="{MARGIN - 25}" text-anchor="middle" font-weight="bold">{title}</text>',
           f'<clipPath id="{clip}"><rect x="{x0}" y="{MARGIN}" width="{WIDTH}" height="{HEIGHT}"/></clipPath>',
           f'<rect x="{x0}" y="{MARGIN}" width="{WIDTH}" height="{HEIGHT}" fill="none" stroke="#999"/>']
    for v in _decades(x_lo, x_hi):
        x = x0 + fx(v)
        out.append(f'<line x1="{x}" y1="{MARGIN}" x2="{x}" y2="{y0}" stroke="#eee"/>')
        out.append(f'<text x="{x}" y="{y0 + 16}" text-anchor="middle" font-size="11">{v:,.0f}</text>')
    for v in _decades(y_lo, y_hi):
        y = y0 - fy(v)
        out.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + WIDTH}" y2="{y}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end" font-size="11">{v:,.0f}</text>')
    out.append(f'<text x="{x0 + WIDTH / 2}" y="{y0 + 36}" text-anchor="middle" font-size="12">quotes</text>')
    out.append(f'<text x="{left + 14}" y="{MARGIN + HEIGHT / 2}" font-size="12" '
               f'transform="rotate(-90 {left + 14} {MARGIN + HEIGHT / 2})" text-anchor="middle">{unit}</text>')
    for n, (key, label, colour) in enumerate(keys):
        pts = [(x0 + fx(p["quotes"]), y0 - fy(p[key])) for p in points]
        first = points[0]
        linear = [(x0 + fx(q), y0 - fy(first[key] * q / first["quotes"])) for q in (first["quotes"], xs[-1])]
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in linear)}" fill="none" '
                   f'stroke="{colour}" stroke-dasharray="3 3" opacity="0.6" clip-path="url(#{clip})"/>')
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" '
                   f'stroke="{colour}" stroke-width="2"/>')
        out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in pts]
        out.append(f'<text x="{x0 + 10}" y="{MARGIN + 18 + 16 * n}" font-size="12" fill="{colour}">{label}</text>')
    return out


def draw(points: list[dict]) -> str:
    points = sorted(points, key=lambda p: p["quotes"])
    total_w = 2 * (WIDTH + 2 * MARGIN)
    body = _panel(points, SERIES, "corpus step, full regroup, 2 workers: time", "seconds", 0)
    body += _panel(points, (("peak_rss_mb", "peak RSS, process tree (MB)", "#2ca02c"),),
                   "peak memory", "MB", WIDTH + 2 * MARGIN)
    note = "dotted: linear from the smallest point; points: " + "; ".join(
        f'{p["quotes"]:,} ({p["commit"]}{", " + p["step"] if "step" in p else ""}, load {p["load"]})' for p in points)
    body.append(f'<text x="10" y="{HEIGHT + 2 * MARGIN + 20}" font-size="10">{note}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{HEIGHT + 2 * MARGIN + 30}" '
            f'font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n'
            + "\n".join(body) + "\n</svg>\n")


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=Path, default=here / "scale_points.json")
    ap.add_argument("--out", type=Path, default=here.parent / "docs" / "scale.svg")
    args = ap.parse_args()
    args.out.write_text(draw(json.loads(args.points.read_text())["points"]))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
