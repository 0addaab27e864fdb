"""The view-count history as numbers for a small inline SVG (no script, no external library)."""
from __future__ import annotations

from datetime import datetime

__all__ = ["views_chart"]

WIDTH, HEIGHT, PAD_X, PAD_Y = 480, 140, 56, 22


def _when(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except (TypeError, ValueError):
        return None


def views_chart(history: list[dict]) -> dict | None:
    """Coordinates for the chart, or None when there is nothing to draw.

    `history` is [{seen_at, views}] oldest first. Points are placed by time, so irregular crawl
    intervals show as such; one reading is drawn as a single dot.
    """
    points = [(t, h["views"], h["seen_at"]) for h in history
              if h.get("views") is not None and (t := _when(h.get("seen_at"))) is not None]
    if not points:
        return None
    t0, t1 = points[0][0], points[-1][0]
    low = min(p[1] for p in points)
    high = max(p[1] for p in points)
    span_t = (t1 - t0) or 1.0
    span_v = (high - low) or 1
    inner_w, inner_h = WIDTH - 2 * PAD_X, HEIGHT - 2 * PAD_Y

    def x(t: float) -> float:
        return round(PAD_X + (inner_w * (t - t0) / span_t if t1 > t0 else inner_w / 2), 1)

    def y(v: int) -> float:
        return round(PAD_Y + (inner_h * (high - v) / span_v if high > low else inner_h / 2), 1)

    dots = [{"x": x(t), "y": y(v), "views": v, "seen_at": seen} for t, v, seen in points]
    return {
        "width": WIDTH, "height": HEIGHT,
        "polyline": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "low": low, "high": high,
        "low_y": y(low), "high_y": y(high),
        "first": points[0][2][:10], "last": points[-1][2][:10],
        "left": PAD_X, "right": WIDTH - PAD_X, "bottom": HEIGHT - PAD_Y + 16,
    }
