"""A picture of the graph (PNG or SVG): labelled nodes coloured by type, with a legend.

Meant for a look before opening Gephi, and readable for a graph of a few hundred nodes: node
size grows with the number of articles (or weighted degree), edges are drawn as arrows whose
width grows with their weight, every node is labelled (above 300 nodes, the 300 most connected
are), relation names are written on the edges of small graphs, and the legend lists the node
types drawn with their Korean class name and count. A larger graph is drawn as its
``max_nodes`` most connected nodes, and the title says so.

The layout is networkx's spring layout with a fixed seed, so the same graph gives the same
picture. Labels are drawn in a Korean-capable font found on the machine (Nanum, Noto Sans CJK,
Malgun Gothic, Apple SD Gothic Neo, … — Debian's ``fonts-nanum`` package gives one); without one
the picture is still written, with a warning that Hangul may show as boxes. SVG text stays
text (searchable, selectable), in that font family.

matplotlib is imported when a picture is drawn, not when this module is imported, and its
global state (pyplot, the backend, rcParams) is left alone; the one exception is a Korean font
file that only fontconfig knows (installed after matplotlib built its font cache), which is
added to matplotlib's font list.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import warnings
from functools import lru_cache
from pathlib import Path

import networkx as nx

from ._common import ExportError, atomic_open, clean_text
from .colours import KIND_ORDER, colour_for

#: Font families tried first, in order, for Hangul labels.
KOREAN_FONTS: tuple[str, ...] = (
    "NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans KR",
    "Malgun Gothic", "Apple SD Gothic Neo", "AppleGothic", "UnDotum", "Baekmuk Gulim",
)
PICTURE_FORMATS = (".png", ".svg")
_MAX_LABELS = 300
_MAX_ARROWS = 2000
_MAX_EDGE_LABELS = 80
# Co-mention and mention edges are many and say little: drawn dashed, without arrow or label.
_QUIET_RELATIONS = {"mentionedWith": "named in the same article", "mentions": "the article names it"}


@lru_cache(maxsize=1)
def korean_font() -> str | None:
    """The family name of a Korean-capable font matplotlib can use, or ``None``."""
    from matplotlib import font_manager

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in KOREAN_FONTS:
        if family in known:
            return family
    # matplotlib's font list is cached on first use; a font installed since (fonts-nanum after
    # matplotlib) is only known to fontconfig, so ask it and register the file.
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":lang=ko", "file"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.strip().rstrip(":") for line in listed.splitlines() if line.strip())

    def preference(path: str) -> tuple[int, bool, str]:
        stem = Path(path).stem
        rank = next((i for i, k in enumerate(KOREAN_FONTS) if stem.startswith(k.replace(" ", ""))), len(KOREAN_FONTS))
        return (rank, "bold" in stem.lower(), path)

    files.sort(key=preference)
    for path in files:
        if Path(path).suffix.lower() not in (".ttf", ".otf", ".ttc"):
            continue
        try:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
        except Exception:  # an unreadable font file: try the next one
            continue
    return None


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strength(G: nx.Graph) -> dict:
    strength = dict.fromkeys(G.nodes, 0.0)
    for u, v, weight in G.edges(data="weight", default=1):
        w = weight if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 1
        strength[u] += w
        strength[v] += w
    return strength


def _layout(simple: nx.Graph, seed: int) -> dict:
    """Spring layout per connected component, components packed in rows, largest first.

    One spring layout of a disconnected graph throws small components and lone nodes to the
    edges and squeezes the rest into the middle; packing keeps every part readable.
    """
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0]))
    )
    boxes = []
    for component in components:
        side = math.sqrt(len(component))
        if len(component) == 1:
            local = {component[0]: (0.5 * side, 0.5 * side)}
        else:
            sub = simple.subgraph(component)
            raw = nx.spring_layout(sub, seed=seed, iterations=200, k=1.8 / math.sqrt(len(component)))
            local = {node: ((x + 1) / 2 * side * 0.9 + 0.05 * side, (y + 1) / 2 * side * 0.9 + 0.05 * side)
                     for node, (x, y) in raw.items()}
        boxes.append((local, side))
    width = max([side for _, side in boxes] + [math.sqrt(sum(side * side for _, side in boxes)) * 1.25])
    gap = 0.4
    pos: dict = {}
    x = top = row = 0.0
    for local, side in boxes:
        if x > 0 and x + side > width:
            x, top, row = 0.0, top - row - gap, 0.0
        for node, (lx, ly) in local.items():
            pos[node] = (x + lx, top - side + ly)
        x += side + gap
        row = max(row, side)
    return pos


def _class_labels() -> dict[str, str]:
    try:
        from ..emit import class_labels

        return class_labels()
    except Exception:  # the legend still works with English class names alone
        return {}


def draw_graph(G: nx.Graph, path: str | os.PathLike[str], *, max_nodes: int = 400, seed: int = 7) -> None:
    """Draw ``G`` to ``path`` as PNG or SVG (by extension), atomically.

    Args:
        G: a graph with the node attributes ``label``, ``type``, ``kind`` (and optionally
            ``articles``) and the edge attributes ``label`` and ``weight``; missing ones are
            tolerated.
        path: the ``.png`` or ``.svg`` file to write.
        max_nodes: draw at most this many nodes, the most connected (by weighted degree).
        seed: the layout's random seed.

    Raises:
        ExportError: the extension is neither ``.png`` nor ``.svg``.
        OSError: the file cannot be written.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise ExportError(f"{path}: a picture is written as {' or '.join(PICTURE_FORMATS)}, not {suffix or '(no extension)'}")
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch
    import matplotlib.patheffects as effects

    total = G.number_of_nodes()
    strength = _strength(G)

    def size_of(node) -> float:
        articles = G.nodes[node].get("articles")
        usable = isinstance(articles, (int, float)) and not isinstance(articles, bool) and articles > 0
        return articles if usable else strength[node]

    ranked = sorted(G.nodes, key=lambda n: (-strength[n], -size_of(n), str(n)))
    shown = ranked[:max_nodes]
    H = G.subgraph(shown)
    n = H.number_of_nodes()

    simple = nx.Graph()
    simple.add_nodes_from(sorted(H.nodes, key=str))
    pairs: dict[tuple, list] = {}
    for u, v, data in H.edges(data=True):
        if u == v:
            continue
        weight = data.get("weight", 1)
        weight = weight if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 1
        entry = pairs.setdefault((u, v), [0.0, set()])
        entry[0] += weight
        if data.get("label"):
            entry[1].add(clean_text(str(data["label"])))
        a, b = sorted((u, v), key=str)
        previous = simple.get_edge_data(a, b, {"weight": 0.0})["weight"]
        simple.add_edge(a, b, weight=previous + 1 + math.log(max(weight, 1)))
    pos = _layout(simple, seed)

    side = min(26.0, max(9.0, 5.0 + 1.0 * math.sqrt(n)))
    family = korean_font()
    rc = {
        "font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"],
        "svg.fonttype": "none",
        "svg.hashsalt": "kgraph",
        "axes.unicode_minus": False,
    }
    if family is None:
        warnings.warn(
            "no Korean font found (install fonts-nanum, or any Noto Sans CJK font); "
            "Hangul labels may show as boxes in the picture",
            RuntimeWarning, stacklevel=2,
        )
    label_size = 9 if n <= 60 else 8 if n <= 150 else 7 if n <= 300 else 6
    peak = max((size_of(node) for node in H.nodes), default=1) or 1

    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support .* natively")
        fig = Figure(figsize=(side + 4.0, side), dpi=150, facecolor="white")
        ax = fig.add_axes((0.01, 0.01, side / (side + 4.0) - 0.01, 0.93))
        ax.set_axis_off()
        ax.set_aspect("equal", adjustable="box", anchor="NW")
        nodes = sorted(H.nodes, key=str)
        marker = {node: 60 + 540 * math.sqrt(size_of(node) / peak) for node in nodes}
        colour = {node: colour_for(H.nodes[node].get("type"), H.nodes[node].get("kind")) for node in nodes}

        arrows = len(pairs) <= _MAX_ARROWS
        quiet_drawn: set[str] = set()
        for (u, v), (weight, relations) in sorted(pairs.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
            width = 0.5 + 0.7 * math.log2(max(weight, 1))
            quiet = bool(relations) and relations <= _QUIET_RELATIONS.keys()
            if quiet:
                quiet_drawn |= relations
            ax.add_patch(FancyArrowPatch(
                pos[u], pos[v], arrowstyle="-|>" if arrows and H.is_directed() and not quiet else "-",
                mutation_scale=8, linewidth=width, color="#8c8c8c", alpha=0.4 if quiet else 0.6,
                linestyle=(0, (3, 2)) if quiet else "-", zorder=1,
                shrinkA=math.sqrt(marker[u]) / 2, shrinkB=math.sqrt(marker[v]) / 2 + 1,
                connectionstyle="arc3,rad=0.08",
            ))
        if nodes:
            ax.scatter(
                [pos[node][0] for node in nodes], [pos[node][1] for node in nodes],
                s=[marker[node] for node in nodes], c=[colour[node] for node in nodes],
                edgecolors="white", linewidths=0.8, zorder=2,
            )
        # A white halo reads best in PNG; in SVG it would turn every label into glyph outlines
        # (megabytes), so SVG labels get a light box instead and stay text.
        if suffix == ".png":
            halo = {"path_effects": [effects.withStroke(linewidth=2.5, foreground="white")]}
        else:
            halo = {"bbox": {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}}
        labelled = set(sorted(nodes, key=lambda node: (-strength[node], str(node)))[:_MAX_LABELS])
        for node in nodes:
            if node not in labelled:
                continue
            x, y = pos[node]
            # matplotlib writes text into SVG as is; an XML-illegal character would break the file.
            text = _short(clean_text(str(H.nodes[node].get("label") or node)))
            ax.annotate(
                text, (x, y), xytext=(0, math.sqrt(marker[node]) / 2 + 2), textcoords="offset points",
                ha="center", va="bottom", fontsize=label_size, zorder=3, **halo,
            )
        if len(pairs) <= _MAX_EDGE_LABELS:
            for (u, v), (_, relations) in sorted(pairs.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
                relations = relations - _QUIET_RELATIONS.keys()
                if relations:
                    (x1, y1), (x2, y2) = pos[u], pos[v]
                    ax.text(
                        (x1 + x2) / 2, (y1 + y2) / 2, ", ".join(sorted(relations)), fontsize=label_size - 2,
                        color="#555555", ha="center", va="center", zorder=1.5, **halo,
                    )
        if nodes:
            xs = [pos[node][0] for node in nodes]
            ys = [pos[node][1] for node in nodes]
            pad_x = (max(xs) - min(xs)) * 0.06 or 1
            pad_y = (max(ys) - min(ys)) * 0.06 or 1
            ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
            ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y * 1.5)
        else:
            ax.text(0.5, 0.5, "(empty graph)", ha="center", va="center", transform=ax.transAxes)

        counts: dict[tuple[str, str], int] = {}
        for node in nodes:
            data = H.nodes[node]
            node_type = clean_text(str(data.get("type") or "(no type)"))
            kind = str(data.get("kind") or "")
            counts[(kind, node_type)] = counts.get((kind, node_type), 0) + 1
        korean = _class_labels()

        def legend_order(item: tuple[tuple[str, str], int]):
            (kind, node_type), _ = item
            rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
            return (rank, node_type)

        handles = []
        for (kind, node_type), count in sorted(counts.items(), key=legend_order):
            name = f"{node_type} {korean[node_type]}" if node_type in korean else node_type
            handles.append(Line2D(
                [], [], marker="o", linestyle="", markersize=9, markeredgecolor="white",
                markerfacecolor=colour_for(node_type, kind or None), label=f"{name} ({count})",
            ))
        for relation in sorted(quiet_drawn):
            handles.append(Line2D([], [], color="#8c8c8c", linestyle=(0, (3, 2)),
                                  label=f"{relation}: {_QUIET_RELATIONS[relation]}"))
        if handles:
            fig.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(side / (side + 4.0), 0.94),
                title="Node types", frameon=False, fontsize=9, title_fontsize=10, alignment="left",
            )
        title = f"{n} nodes, {H.number_of_edges()} edges"
        if n < total:
            title = f"the {n} most connected of {total} nodes, {H.number_of_edges()} edges"
        fig.suptitle(title, x=0.02, ha="left", fontsize=11)

        fmt = suffix[1:]
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        with atomic_open(path, "wb") as fh:
            fig.savefig(fh, format=fmt, metadata=metadata, facecolor="white", bbox_inches="tight", pad_inches=0.3)


def write_picture(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Draw ``G`` to ``path`` (``.png`` or ``.svg``) with :func:`draw_graph`'s defaults."""
    draw_graph(G, path)
