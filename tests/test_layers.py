"""The arrows between packages point one way: speech and language never reach up into the shop.

``assistant.language`` is pure functions over plain data and ``assistant.speech`` turns audio into text;
what they know of a shop (its names) is handed to them by the composition in ``assistant.web`` and
``assistant.cli``. Every import statement of every module is read with ``ast``, lazy ones included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import assistant

ROOT = Path(assistant.__file__).parent.parent  # the folder that holds the ``assistant`` package
# What each lower package may never import (itself or anything under it).
FORBIDDEN = {
    "language": ("assistant.shop", "assistant.db", "assistant.brain", "assistant.speech", "assistant.web",
                 "assistant.cli"),
    "speech": ("assistant.shop", "assistant.db", "assistant.brain", "assistant.web", "assistant.cli"),
}


def imported_modules(root: Path, path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, relative imports made absolute."""
    package = ".".join(path.relative_to(root).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def forbidden_imports(package: str, root: Path = ROOT) -> list[str]:
    """``file:line module`` for each import of ``assistant.<package>``'s modules that ``FORBIDDEN`` rules out."""
    bad = []
    for path in sorted((root / "assistant" / package).rglob("*.py")):
        for line, module in imported_modules(root, path):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[package]):
                bad.append(f"{path.relative_to(root).as_posix()}:{line} {module}")
    return bad


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_packages_never_import_the_shop(package: str) -> None:
    assert forbidden_imports(package) == []


def test_the_rule_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    probe = tmp_path / "assistant" / "speech" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from . import audio\n\ndef f():\n    from ..shop import shops\n    import assistant.db.models\n",
                     encoding="utf-8")
    assert forbidden_imports("speech", tmp_path) == [
        "assistant/speech/probe.py:4 assistant.shop",
        "assistant/speech/probe.py:4 assistant.shop.shops",
        "assistant/speech/probe.py:5 assistant.db.models",
    ]
