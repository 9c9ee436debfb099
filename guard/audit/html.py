"""The compliance report as one self-contained HTML page: inline SVG charts, no script, no CDN."""

from __future__ import annotations

from html import escape
from typing import Any

from guard import __version__

COLOURS = {"allow": "#2e7d32", "warn": "#f9a825", "block": "#c62828"}
_CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:60em}
table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;
text-align:right}td:first-child,th:first-child{text-align:left}svg text{font-size:11px}"""


def _verdict_chart(days: list[dict[str, Any]]) -> str:
    """Stacked bars: checks per day by verdict."""
    if not days:
        return "<p>No checks in this window.</p>"
    width, height, pad = max(320, 24 * len(days) + 40), 180, 20
    top = max(d["allow"] + d["warn"] + d["block"] for d in days) or 1
    bar = (width - 2 * pad) / len(days)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 30}" '
             'role="img" aria-label="checks per day by verdict">']
    for i, d in enumerate(days):
        y = height
        for verdict in ("allow", "warn", "block"):
            h = d[verdict] / top * (height - pad)
            if h:
                y -= h
                parts.append(f'<rect x="{pad + i * bar:.1f}" y="{y:.1f}" width="{bar * .8:.1f}" '
                             f'height="{h:.1f}" fill="{COLOURS[verdict]}"><title>{d["day"]}: '
                             f'{d[verdict]} {verdict}</title></rect>')
        parts.append(f'<text x="{pad + i * bar:.1f}" y="{height + 14}">{d["day"][5:]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_chart(rules: list[dict[str, Any]]) -> str:
    """Horizontal bars: fires per rule, false alarms on top, noisiest first."""
    shown = rules[:20]
    if not shown:
        return "<p>No rule fired.</p>"
    top = max(max(r["fires"], r["false_alarms"]) for r in shown) or 1
    row, label, span = 18, 220, 300
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label + span + 60}" '
             f'height="{row * len(shown) + 10}" role="img" aria-label="fires per rule">']
    for i, r in enumerate(shown):
        y = i * row + 4
        parts.append(f'<text x="0" y="{y + 11}">{escape(r["rule"])}</text>')
        parts.append(f'<rect x="{label}" y="{y}" width="{r["fires"] / top * span:.1f}" '
                     f'height="12" fill="#546e7a"><title>{r["fires"]} fires</title></rect>')
        if r["false_alarms"]:
            parts.append(f'<rect x="{label}" y="{y + 8}" '
                         f'width="{r["false_alarms"] / top * span:.1f}" height="4" '
                         f'fill="#c62828"><title>{r["false_alarms"]} false alarms</title></rect>')
        parts.append(f'<text x="{label + r["fires"] / top * span + 4:.1f}" y="{y + 11}">'
                     f'{r["fires"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(data: dict[str, Any]) -> str:
    """The report page."""
    v, o = data["verdicts"], data["overrides"]
    rows = "".join(
        f"<tr><td>{escape(r['rule'])}</td><td>{r['fires']}</td><td>{r['override_rate']:.0%}</td>"
        f"<td>{r['false_alarms']}</td><td>{r['missed']}</td></tr>" for r in data["rules"])
    periods = "".join(f"<li>{count} checks during calendar period {escape(name)}</li>"
                      for name, count in (data.get("periods") or {}).items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tweet-guard audit report</title>
<style>{_CSS}</style></head><body>
<h1>Audit report</h1>
<p>Since {escape(data['since'] or 'the start')}: <strong>{data['checks']}</strong> checks
({v['allow']} allow, {v['warn']} warn, {v['block']} block);
{o['accepted']} of {o['requested']} overrides accepted;
{data['feedback']['false-alarm']} false-alarm and {data['feedback']['missed']} missed-leak
reports.</p>{f"<ul>{periods}</ul>" if periods else ""}
<h2>Verdicts per day</h2>{_verdict_chart(data['days'])}
<h2>Rules, noisiest first</h2>{_rule_chart(data['rules'])}
<table><tr><th>rule</th><th>fires</th><th>overridden</th><th>false alarms</th>
<th>missed</th></tr>{rows}</table>
<p><small>tweet-guard {__version__}</small></p>
</body></html>
"""
