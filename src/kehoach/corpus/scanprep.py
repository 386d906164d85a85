"""Page images made ready for Tesseract: red and blue ink removed, skew corrected.

Why: provincial portals publish scans as colour JPEG pages at 150 dpi, with
a red seal stamped over the signature and the last lines, a blue signature,
yellowed paper, pages turned by a few degrees. Tesseract reads such a page
badly: the seal's ring and letters darken the signer's name and title until
they are lost, and on a page turned by 2° or more whole line ends fall off
its line finder. Each step below is kept because it was measured to help on
such scans without making clean 200-dpi scans worse (benchmarks/README.md,
"Field scans"); a page that needs none of them goes to Tesseract as it came.
Two steps were measured and dropped: upscaling 150-dpi pages to 300 dpi
(similarity 0.1 lower, OCR 1.35× slower: Tesseract scales each line to its
own height anyway) and Sauvola's local binarisation (0.1–0.2 lower: it
turns the faint remains of a seal into specks that Tesseract's own global
threshold leaves white).

Only numpy and PIL: both are already needed, and the steps are simple
enough not to call for OpenCV.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np

STEPS = ("ink", "deskew")  # done in this order (see `prepare`)
MIN_SKEW = 1.0  # degrees; Tesseract reads a page turned less as well (measured at 0.7°), and turning blurs it
MAX_SKEW = 5.0  # degrees searched either way
INK_DOMINANCE = 0.25  # how far red or blue stands above the other channels in seal or signature ink
INK_LIGHTNESS = 0.4  # ink is light in its own channel; a darker coloured pixel is text with a JPEG tint
MIN_INK_PIXELS = 200  # fewer coloured pixels than this: a grey page, or a speck of colour


@dataclass
class Prepared:
    """An image ready for Tesseract, its resolution, and what was done to it ("ink", "deskew 2.1°" …)."""

    image: bytes
    dpi: int | None
    height: int  # pixels
    steps: list[str] = field(default_factory=list)
    slope: float = 0.0  # a slant left as it is (under MIN_SKEW): the rows fall this many pixels a pixel to the right
    gray: np.ndarray | None = field(default=None, repr=False)  # the image as Tesseract reads it, for its tables


def prepare(image: bytes, *, dpi: float | None = None, steps: tuple[str, ...] | None = None) -> Prepared:
    """Run the named steps on one page image; an image that needs none is returned as it came.

    `dpi` is the page's resolution when the caller knows it (a PDF page's
    image against the page's size); else the image's own tag, else a guess
    from an A4 page's width; it is handed on to Tesseract, which otherwise
    guesses it. Steps: "ink" (red and blue ink dropped), "deskew" (the text
    lines' angle measured and turned back). Without `steps`, the module's
    STEPS.
    """
    from PIL import Image

    steps = STEPS if steps is None else steps
    img = Image.open(io.BytesIO(image))
    dpi = dpi or _tagged_dpi(img) or _a4_dpi(img)
    done: list[str] = []
    if img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    if "ink" in steps and img.mode == "RGB":
        gray, removed = remove_ink(np.asarray(img))
        if removed:
            done.append("ink")
    else:
        gray = np.asarray(img.convert("L"))
    slope = 0.0
    if "deskew" in steps:
        angle = estimate_skew(gray)
        if abs(angle) >= MIN_SKEW:
            gray = rotate(gray, -angle)
            done.append(f"deskew {angle:+.1f}°")
        else:
            slope = -float(np.tan(np.radians(angle)))  # (estimate_skew's angle is counter-clockwise)
    if not done:
        return Prepared(image, round(dpi) if dpi else None, img.height, [], slope, gray)
    return Prepared(_pgm(gray), round(dpi) if dpi else None, gray.shape[0], done, slope, gray)


def _tagged_dpi(img) -> float | None:
    tag = img.info.get("dpi")
    if tag and tag[0] and 72 < float(tag[0]) < 1200 and float(tag[0]) != 96:  # 96: a screen default, not a scan's
        return float(tag[0])
    return None


def _a4_dpi(img) -> float:
    """The resolution an image would have as an A4 page (portrait or landscape)."""
    return min(img.size) / 8.27


def _pgm(gray: np.ndarray) -> bytes:
    """A grey image as PGM: Tesseract reads it as fast as raw pixels, where PNG costs a compression."""
    h, w = gray.shape
    return b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(gray, dtype=np.uint8).tobytes()


def remove_ink(rgb: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page in grey with red and blue ink taken out, and whether there was any.

    Colours are measured on whitened paper (each channel divided by its paper
    level), so yellowed paper is grey, not coloured. A coloured pixel (red or blue, not
    dark) is seen through the channel its ink lets through: red ink is
    nearly white in the red channel, where black text stays black, so a
    letter under a seal keeps its strokes and the seal fades. That channel
    is divided by the ink's own level in it, measured on the page, so the
    ink itself becomes paper. Grey pixels keep their luminance. Where a
    signature or seal crosses a letter both are dark, and the stroke stays.
    """
    from PIL import Image

    small = rgb[::4, ::4].astype(np.float32)
    paper = np.maximum(np.percentile(small.reshape(-1, 3), 90, axis=0), 1.0).astype(np.float32)
    # the page's own grey (paper whitened, Tesseract reads ruled tables worse: measured), the ink taken out
    gray = np.asarray(Image.fromarray(rgb).convert("L")).copy()
    paper_grey = float(paper @ np.asarray([0.299, 0.587, 0.114], dtype=np.float32))
    ys, xs = np.nonzero(_inked(*_colour(np.minimum(small / paper, 1.0))))
    if len(ys) * 16 < MIN_INK_PIXELS:
        return gray, False  # a grey page (most are): no ink to take out
    # only the box around the ink is looked at closely (a seal, a signature: a small part of the page)
    y0, y1 = max(0, 4 * int(ys.min()) - 16), min(rgb.shape[0], 4 * int(ys.max()) + 20)
    x0, x1 = max(0, 4 * int(xs.min()) - 16), min(rgb.shape[1], 4 * int(xs.max()) + 20)
    arr = np.minimum(rgb[y0:y1, x0:x1].astype(np.float32) / paper, 1.0)
    own_sat, top = _colour(arr)
    blue = arr[..., 2] >= arr[..., :2].max(axis=-1)
    # colour around each pixel too (the most of its 3×3 neighbourhood): JPEG keeps colour at half resolution
    # and rings at edges, so an ink's edge is grey by itself but beside coloured pixels; dark text keeps its
    # strokes on that route as well, as it is dark in every channel
    sat, near_top = _most3(own_sat), _most3(top)
    inked = _inked(own_sat, top)
    seen = np.empty_like(top)
    for hue in (blue, ~blue):  # each ink divided by its own level: nearly all of it is at least this light
        level = float(np.percentile(top[inked & hue], 10)) if (inked & hue).any() else 1.0
        seen[hue] = np.minimum(top[hue] / max(level, 0.3), 1.0)
    seen *= paper_grey
    # a thin pen stroke keeps little of its blue through JPEG's half-resolution colour: near ink, blue counts
    # from less (black text is grey, and a red seal's JPEG tint on it is never blue)
    near_ink = inked.astype(np.uint8)
    for _ in range(4):
        near_ink = _most3(near_ink)
    floor = np.where(blue & (near_ink > 0), 0.04, 0.1)
    weight = np.clip((sat - floor) / (INK_DOMINANCE - 0.1), 0.0, 1.0) * (near_top > 0.25)
    lum = gray[y0:y1, x0:x1].astype(np.float32)
    out = lum + (seen - lum) * weight
    # what is left of the ink is lighter than any letter's core: near ink, a light grey is paper, so the
    # remains of a stroke are not read as letters (Tesseract's own threshold drops the same greys from text)
    out[(near_ink > 0) & (out > 0.55 * paper_grey)] = paper_grey
    gray[y0:y1, x0:x1] = np.clip(out, 0, 255).astype(np.uint8)
    return gray, True


def _most3(a: np.ndarray) -> np.ndarray:
    """The largest value in each pixel's 3×3 neighbourhood."""
    pad = np.pad(a, 1, mode="edge")
    h, w = a.shape
    rows = np.maximum(np.maximum(pad[:-2], pad[1:-1]), pad[2:])
    return np.maximum(np.maximum(rows[:, :-2], rows[:, 1:-1]), rows[:, 2:])[:h, :w]


def _colour(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far red or blue stands above the other two channels, and the brightest channel, per pixel.

    Not HSV saturation: JPEG tints black text on yellowed paper yellow or
    brown, and only red (a seal) and blue (a signature) are ink to drop.
    """
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    return np.maximum(r - np.maximum(g, b), b - np.maximum(r, g)), arr.max(axis=-1)


def _inked(sat: np.ndarray, top: np.ndarray) -> np.ndarray:
    return (sat > INK_DOMINANCE) & (top > INK_LIGHTNESS)


def estimate_skew(gray: np.ndarray, *, limit: float = MAX_SKEW) -> float:
    """The angle (degrees, counter-clockwise as PIL turns) by which the page's text lines are turned;
    `rotate(gray, -angle)` lays them flat.

    Projection profiles: the dark pixels of a reduced page, projected on the
    vertical axis as if the page were turned by each candidate angle, give
    the sharpest profile (the largest sum of squared differences between
    neighbouring rows) when the text lines lie flat. A coarse search every
    0.25°, then a fine one every 0.05° around the best.
    """
    step = max(1, round(gray.shape[1] / 1000))  # ~1000 pixels wide is enough for 0.05°
    small = gray[::step, ::step]
    dark = small < min(128, np.percentile(small, 50) * 0.6)
    ys, xs = np.nonzero(dark)
    if len(ys) < 500:
        return 0.0
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        t = np.radians(angle)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.sum(np.diff(counts) ** 2))

    coarse = np.arange(-limit, limit + 1e-6, 0.25)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-6, 0.05)
    return round(float(max(fine, key=sharpness)), 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned by `angle` degrees (counter-clockwise), corners filled with paper."""
    from PIL import Image

    paper = int(np.percentile(gray[::8, ::8], 90))
    return np.asarray(Image.fromarray(gray).rotate(angle, resample=Image.BICUBIC, fillcolor=paper))
