"""Reading a contract CSV file: its header, then its data rows with their line numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from tqdm import tqdm

from assistant.errors import Invalid
from assistant.shop.importer.problems import ImportRejected, RowProblem

# Files with more rows than this get a progress bar (when progress is on).
PROGRESS_FROM = 20_000


class CsvFile:
    """A contract CSV file: checks the header and yields ``(line, cells)`` with cells trimmed."""

    def __init__(self, path: Path, *, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        self.label = path.name
        self.required = required
        self.optional = optional
        self.index: dict[str, int] = {}

    def count_rows(self) -> int:
        """Data rows, roughly (newlines minus the header): only used to size the progress bar."""
        with self.path.open("rb") as handle:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1, 0)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data row with its line number; raises ``ImportRejected`` for a bad header or encoding."""
        if not self.path.is_file():
            raise Invalid(f"{self.path}: no such file; check the path")
        try:
            yield from self._rows()
        except UnicodeDecodeError:
            line = self._first_undecodable_line()
            raise ImportRejected(
                self.label,
                [
                    RowProblem(
                        self.label,
                        line,
                        "is not UTF-8 text; save the file as 'CSV UTF-8' and import it again",
                    )
                ],
                1,
            ) from None

    def check_header(self) -> None:
        """Read the header (so ``index`` is known before the rows are); raises ``ImportRejected``."""
        rows = self.rows()
        next(rows, None)
        rows.close()

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise ImportRejected(
                    self.label,
                    [
                        RowProblem(
                            self.label,
                            1,
                            f"the file is empty; it needs a header row: {', '.join(self.required)}",
                        )
                    ],
                    1,
                )
            self.index = {cell.strip().lower(): i for i, cell in enumerate(header)}
            missing = [c for c in self.required if c not in self.index]
            if missing:
                raise ImportRejected(
                    self.label,
                    [
                        RowProblem(
                            self.label,
                            1,
                            f"missing column {', '.join(missing)} (the header must name "
                            f"{', '.join(self.required)}; optional: {', '.join(self.optional) or 'none'})",
                            column=missing[0],
                        )
                    ],
                    1,
                )
            width = len(header)
            for raw in reader:
                cells = [c.strip() for c in raw]
                if not any(cells):
                    continue  # blank lines spreadsheets leave at the end
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                yield reader.line_num, cells

    def _first_undecodable_line(self) -> int:
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number
        return 1

    def column(self, name: str) -> int | None:
        """The cell index of a column, or None when the (optional) column is absent."""
        return self.index.get(name)


def progress_bar(file: CsvFile, enabled: bool, what: str) -> tqdm:
    total = file.count_rows() if enabled else 0
    return tqdm(
        total=total,
        desc=f"{what} {file.label}",
        unit=" rows",
        unit_scale=True,
        leave=False,
        disable=not enabled or total < PROGRESS_FROM,
        mininterval=0.5,
    )
