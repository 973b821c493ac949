"""What is wrong with a file: one ``RowProblem`` per bad row, in Chinese and English, gathered per file
and raised as one ``ImportRejected`` so nothing of the file is written."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import Invalid

# A file with thousands of bad rows is one mistake repeated: report the first ones, count the rest.
MAX_PROBLEMS = 1000
# Rows the exception's own message lists (the web page and ``rows`` have them all).
SHOWN = 10


@dataclass(frozen=True)
class RowProblem:
    """One bad row: the file, its line number (the header is line 1), the reason, the column (the
    contract's English name, None for the whole row or file) and the reason in Chinese."""

    file: str
    line: int
    reason: str
    column: str | None = None
    reason_zh: str = ""

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.reason}"

    def text(self, language: str) -> str:
        """The problem for the owner: ``zh``, ``en`` or both (any other value)."""
        zh = f"{self.file} 第{self.line}行:{self.reason_zh or self.reason}"
        if language == "zh":
            return zh
        if language == "en":
            return str(self)
        return f"{zh} · line {self.line}: {self.reason}"


class ImportRejected(Invalid):
    """A file had bad rows; nothing of it was written. ``problems`` lists them (the first
    ``MAX_PROBLEMS``), ``total`` counts them all, ``rows`` gives them as plain tuples."""

    def __init__(self, file: str, problems: list[RowProblem], total: int) -> None:
        super().__init__(self._message(file, problems, total, "en"), field=problems[0].column)
        self.file = file
        self.problems = problems
        self.total = total

    @property
    def rows(self) -> list[tuple[int, str | None, str, str]]:
        """``(line, column, reason_zh, reason_en)`` of each reported problem, for a page to lay out."""
        return [(p.line, p.column, p.reason_zh or p.reason, p.reason) for p in self.problems]

    def message(self, language: str) -> str:
        """The whole refusal for the owner: ``zh``, ``en`` or both (any other value)."""
        return self._message(self.file, self.problems, self.total, language)

    @staticmethod
    def _message(file: str, problems: list[RowProblem], total: int, language: str) -> str:
        head = {
            "zh": f"{file} 没有导入任何数据:请改正下面这些行后重新导入",
            "en": f"nothing was imported from {file}: fix these rows and import the file again",
        }
        lines = [head[language]] if language in head else [head["zh"], head["en"]]
        lines += [f"  {p.text(language)}" for p in problems[:SHOWN]]
        if total > SHOWN:
            more = {"zh": f"  …… 还有 {total - SHOWN} 处", "en": f"  … and {total - SHOWN} more"}
            lines.append(more.get(language, f"{more['zh']} · {more['en'].strip()}"))
        return "\n".join(lines)


class RowError(Exception):
    """A reason a row is bad, in English and Chinese (becomes a ``RowProblem`` with the row's line)."""

    def __init__(self, reason: str, column: str | None, reason_zh: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason_zh = reason_zh


class Problems:
    """Collects the bad rows of one file; ``raise_if_any`` stops the import of that file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.items: list[RowProblem] = []
        self.total = 0

    def add(self, line: int, error: RowError) -> None:
        """Note one bad row."""
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(RowProblem(self.label, line, str(error), error.column, error.reason_zh))

    def raise_if_any(self) -> None:
        """Raise ``ImportRejected`` when any row was bad."""
        if self.total:
            raise ImportRejected(self.label, self.items, self.total)


def rejected(file: str, line: int, reason: str, reason_zh: str, column: str | None = None) -> ImportRejected:
    """A refusal of a whole file for one reason (its header, its encoding, its bytes)."""
    return ImportRejected(file, [RowProblem(file, line, reason, column, reason_zh)], 1)
