"""The shape of the code: data flows one way (corpus → extract → index → cli), no module imports one that
imports it back (imports inside functions included), and no function in extract/ runs over 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "kehoach"
STAGES = {"corpus": 0, "extract": 1, "index": 2, "cli": 3, "web": 3}


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kehoach"):
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("kehoach")]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def test_no_import_cycles():
    graph = _imports()
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1 and n not in ("kehoach", "kehoach.corpus", "kehoach.extract"):
                cycles.append(stack[stack.index(n):] + [n] if n in stack else [m, n])
            elif n not in state:
                visit(n, stack + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    # a package's __init__ may import its own modules (corpus.read fills READERS), its modules import it back
    real = [c for c in cycles if not any(x in ("kehoach.corpus", "kehoach.extract") for x in c)]
    assert not real, real


def test_stages_never_reach_back():
    back = []
    for m, targets in _imports().items():
        stage = STAGES.get(m.split(".")[1]) if m.count(".") >= 1 else None
        for t in targets:
            other = STAGES.get(t.split(".")[1]) if t.count(".") >= 1 else None
            if stage is not None and other is not None and other > stage:
                back.append((m, t))
    assert not back, back


def test_no_function_in_extract_over_60_lines():
    long = []
    for path in (SRC / "extract").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long, long
