"""What is wrong with a file: one ``RowProblem`` per bad row, gathered per file, raised as one
``ImportRejected`` so nothing of the file is written."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import Invalid

# A file with hundreds of bad rows is one mistake repeated: report the first ones, count the rest.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class RowProblem:
    """One bad row: the file, its line number (the header is line 1), the column and the reason."""

    file: str
    line: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.reason}"


class ImportRejected(Invalid):
    """A file had bad rows; nothing of it was written. ``problems`` lists them (the first 50)."""

    def __init__(self, file: str, problems: list[RowProblem], total: int) -> None:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  … and {total - 10} more" if total > 10 else ""
        super().__init__(
            f"nothing was imported from {file}: fix these rows and import the file again\n{shown}{more}",
            field=problems[0].column,
        )
        self.file = file
        self.problems = problems
        self.total = total


class RowError(Exception):
    """A reason a row is bad (becomes a ``RowProblem`` with the row's line)."""

    def __init__(self, reason: str, column: str) -> None:
        super().__init__(reason)
        self.column = column


class Problems:
    """Collects the bad rows of one file; ``raise_if_any`` stops the import of that file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.items: list[RowProblem] = []
        self.total = 0

    def add(self, line: int, error: RowError) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(RowProblem(self.label, line, str(error), error.column))

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportRejected(self.label, self.items, self.total)
