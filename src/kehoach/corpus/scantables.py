"""Ruled tables on a scanned page: the grid of its rules, and the OCR'd words put in their cells.

Why: Tesseract reads a page as lines of text, and across a ruled table a
"line" runs through every cell of a row, so the cells' texts are shuffled
together ("Sở Nội Vụ; Các |Theo và đến năm 2030 đạt 75% …") and the annex
tables that give bodies their duties ("Đơn vị chủ trì", "Thời gian") are
lost on a scan though a digital PDF of the same page reads them. The
rules are found in the page image itself: a horizontal rule is a long,
nearly solid run of dark pixels along a row, a vertical one such a run down
a column that starts and ends on horizontal rules (a letter's stroke does
neither). Tables are the horizontal rules joined by vertical ones; each
word Tesseract found goes to the cell its centre falls in, as the digital
PDF reader does with a page's words (`pdf._grid`).

A page still turned by less than the degree `scanprep` corrects is read as
it is: rows and columns are measured along the page's own slant, not along
the image's axes. Only numpy and PIL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RULE_LENGTH = 0.8  # inches of nearly solid ink along a row: a horizontal rule (no word is that solid)
RULE_FILL = 0.85  # the share of dark pixels in that run
COLUMN_RULE = 0.12  # inches of solid ink down a column, from one horizontal rule to another: a vertical rule
NEAR = 0.04  # inches: how near a vertical rule's ends must come to horizontal rules


@dataclass
class Grid:
    """One ruled table: its row and column rules, in the page's own slanted frame (`frame`)."""

    ys: list[float]
    xs: list[float]
    slope: float  # the page's rows fall by this many pixels a pixel to the right

    def frame(self, x: float, y: float) -> tuple[float, float]:
        """A point of the image in the table's frame: rows level, columns upright."""
        return x + self.slope * y, y - self.slope * x

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        fx, fy = self.frame(x, y)
        row = next((i for i in range(len(self.ys) - 1) if self.ys[i] <= fy < self.ys[i + 1]), None)
        col = next((j for j in range(len(self.xs) - 1) if self.xs[j] <= fx < self.xs[j + 1]), None)
        return None if row is None or col is None else (row, col)

    def on_rule(self, x: float, y: float, tol: float) -> bool:
        fx, _ = self.frame(x, y)
        return any(abs(fx - rx) <= tol for rx in self.xs)


def _dark(gray: np.ndarray, dpi: float | None) -> tuple[np.ndarray, float]:
    """The page's ink, and the factor by which it was reduced: a page of more than 250 dpi is halved (a
    pixel is ink where any of its four was), one of less is read as it is (halved, the gaps between a
    line's letters close and a line of text reads as a rule)."""
    paper = float(np.percentile(gray[::8, ::8], 90))
    dark = gray < 0.7 * paper
    if (dpi or gray.shape[1] / 8.27) <= 250:
        return dark, 1.0
    h, w = (dark.shape[0] // 2) * 2, (dark.shape[1] // 2) * 2
    d = dark[:h, :w]
    return d[0::2, 0::2] | d[1::2, 0::2] | d[0::2, 1::2] | d[1::2, 1::2], 2.0


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end) runs of True in a 1-D mask."""
    edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return list(zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist()))


def _thick(mask: np.ndarray, axis: int) -> np.ndarray:
    """Ink one pixel wider across `axis`: a rule one pixel thick, slanted by a fraction of a degree, steps
    from one row (column) to the next, and rounding the slant off would cut it there."""
    out = mask.copy()
    if axis == 0:
        out[1:] |= mask[:-1]
        out[:-1] |= mask[1:]
    else:
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
    return out


def _level(mask: np.ndarray, slope: float) -> np.ndarray:
    """`mask` with each column moved up by its slant, so that a line falling `slope` pixels a pixel to the right
    lies along one row: out[y, x] = mask[y + round(slope·x), x] (paper beyond the edges). Columns that move by
    the same amount are moved together, a slice each."""
    h, w = mask.shape
    shift = np.round(slope * np.arange(w)).astype(np.int64)
    out = np.zeros_like(mask)
    edges = np.concatenate(([0], np.nonzero(np.diff(shift))[0] + 1, [w]))
    for x0, x1 in zip(edges[:-1], edges[1:]):
        k = int(shift[x0])
        if k >= 0:
            out[: h - k, x0:x1] = mask[k:, x0:x1]
        else:
            out[-k:, x0:x1] = mask[: h + k, x0:x1]
    return out


def _solid(lines: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows of `lines` that hold ink enough for a rule, and per such row where a window of `length` pixels
    starting there is at least RULE_FILL ink (rows with fewer dark pixels in all are passed over: most are)."""
    need = RULE_FILL * length
    rows = np.nonzero(lines.sum(axis=1, dtype=np.int32) >= need)[0]
    sums = np.cumsum(lines[rows], axis=1, dtype=np.int32)
    sums = np.concatenate((np.zeros((len(rows), 1), np.int32), sums), axis=1)
    return rows, (sums[:, length:] - sums[:, :-length]) >= need


def _horizontal(dark: np.ndarray, slope: float, length: int) -> list[list[float]]:
    """Horizontal rules [y, x0, x1, thickness] in the slanted frame, rows of one thick rule merged."""
    rows, solid = _solid(_thick(_level(dark, slope), 0), length)
    found: list[list[float]] = []
    for y, windows in zip(rows.tolist(), solid):
        for x0, x1 in _runs(windows):
            x1 += length
            last = found[-1] if found else None
            if last and y - last[3] <= 2 and x0 < last[2] and x1 > last[1]:
                last[0], last[3] = (last[4] + y) / 2, y  # one rule a few pixels thick
                last[1], last[2] = min(last[1], x0), max(last[2], x1)
            else:
                found.append([float(y), float(x0), float(x1), y, y])
    # in the frame (`Grid.frame`), where a rule's ends lie as far right as its slant takes them
    return [[r[0], r[1] + slope * r[0], r[2] + slope * r[0], r[3] - r[4] + 1] for r in found]


def _vertical(dark: np.ndarray, slope: float, length: int) -> list[tuple[float, float, float]]:
    """Vertical runs of ink (x, y0, y1) in the slanted frame at least `length` long."""
    # upright[y, x'] = dark[y, x' - slope·y]: the page's columns made rows, each moved by its slant
    upright = _thick(_level(np.ascontiguousarray(dark.T), -slope), 0)
    cols, solid = _solid(upright, length)
    found: list[tuple[float, float, float]] = []
    for x, windows in zip(cols.tolist(), solid):
        if not windows.any():
            continue
        for y0, y1 in _runs(upright[x]):
            if y1 - y0 >= length:  # its ends in the frame, where rows lie level
                found.append((float(x), y0 - slope * x, y1 - slope * x))
    return found


def find_grids(gray: np.ndarray, dpi: float | None, slope: float = 0.0) -> list[Grid]:
    """The ruled tables on a page image (grey, as `scanprep.prepare` made it for Tesseract), in its own pixels."""
    dark, factor = _dark(gray, dpi)
    dpi = (dpi or dark.shape[1] * factor / 8.27) / factor
    hs = _horizontal(dark, slope, max(8, round(RULE_LENGTH * dpi)))
    if len(hs) < 2:
        return []
    near = max(2.0, NEAR * dpi)

    def crossed(v: tuple[float, float, float]) -> list[int]:
        return [i for i, (y, x0, x1, _t) in enumerate(hs) if v[1] - near <= y <= v[2] + near and x0 - near <= v[0] <= x1 + near]

    # a vertical rule meets two horizontal ones at least (a table's rule cut by the page's end meets one
    # less: the page's end bounds it); a letter's stroke meets none
    vs = [(v, joined) for v in _vertical(dark, slope, max(6, round(COLUMN_RULE * dpi))) if len(joined := crossed(v)) >= 2]
    # a table: horizontal rules joined by vertical ones (one rule's rows linked to the next's)
    parent = list(range(len(hs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    columns: dict[int, list[tuple[float, float, float]]] = {}
    for v, joined in vs:
        for i in joined[1:]:
            parent[root(i)] = root(joined[0])
        columns.setdefault(joined[0], []).append(v)
    groups: dict[int, list[int]] = {}
    for i in range(len(hs)):
        groups.setdefault(root(i), []).append(i)
    grids = []
    for key, members in groups.items():
        rules = [v for k, found in columns.items() if root(k) == key for v in found]
        xs = _cluster([v[0] for v in rules], near)
        ys = _cluster([hs[i][0] for i in members] + [min(v[1] for v in rules), max(v[2] for v in rules)] if rules else [], near)
        if len(ys) >= 2 and len(xs) >= 3:
            grids.append(Grid([y * factor for y in ys], [x * factor for x in xs], slope))
    return grids


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def fill(grid: Grid, words: list[tuple[str, tuple[int, int, int, int]]], *, tol: float = 4.0) -> list[list[str]]:
    """The table's rows of cell texts from the words inside it, each cell's words line by line, left to right;
    a "|" or "l" read off a column rule is no word."""
    cells: dict[tuple[int, int], list[tuple[float, float, float, str]]] = {}
    for word, (x0, y0, x1, y1) in words:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        at = grid.cell(cx, cy)
        if at is None or (len(word) == 1 and word in "|lI!" and grid.on_rule(cx, cy, tol)):
            continue
        word = word.strip("|")  # a rule read onto the word beside it ("|Đơn", "năm|")
        if word:
            cells.setdefault(at, []).append((cy, x0, y1 - y0, word))
    rows = []
    for i in range(len(grid.ys) - 1):
        row = [_cell_text(cells.get((i, j), [])) for j in range(len(grid.xs) - 1)]
        if any(row):
            rows.append(row)
    return rows


def _cell_text(words: list[tuple[float, float, float, str]]) -> str:
    lines: list[list[tuple[float, float, float, str]]] = []
    for w in sorted(words):
        if lines and abs(w[0] - lines[-1][0][0]) <= 0.5 * max(w[2], lines[-1][0][2]):
            lines[-1].append(w)
        else:
            lines.append([w])
    return " ".join(w[3] for line in lines for w in sorted(line, key=lambda w: w[1]))
