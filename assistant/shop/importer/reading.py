"""Reading a contract CSV file: which text encoding it is in, its header (English or Chinese column names),
then its data rows with their line numbers. Anything that is not a readable CSV file is refused with a
reason in both languages, before a row is written."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
from tqdm import tqdm

from assistant.errors import Invalid
from assistant.shop.importer.cells import unescape_formula
from assistant.shop.importer.columns import CHINESE_HEADERS, columns_of, header_key, header_names
from assistant.shop.importer.problems import Problems, RowError, rejected

# Files with more rows than this get a progress bar (when progress is on).
PROGRESS_FROM = 20_000
# What the encoding guess looks at; the whole file is then checked to decode with the encoding chosen.
SAMPLE_BYTES = 64 * 1024
_CHUNK = 1 << 20
# Byte order marks, longest first (UTF-32 LE's starts with UTF-16 LE's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Workbooks saved as .xlsx (a zip) or .xls (OLE) instead of CSV: the usual "not a text file".
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
# Control bytes text never holds (tab, newlines and form feed aside): many of them mean a binary file.
_CONTROL = bytes([*range(0, 9), *range(14, 32)])
# Chinese-script encodings other than the GB family, trusted when charset-normalizer names them.
_OTHER_CJK = frozenset({"big5", "big5hkscs", "cp950"})
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz"})

_SAVE_AS_CSV_ZH = "请在 Excel 或 WPS 里用“另存为”保存成 CSV(最好选“CSV UTF-8”)再导入"
_SAVE_AS_CSV_EN = "in Excel or WPS use Save As and choose 'CSV UTF-8', then import that file"


class CsvFile:
    """A contract CSV file of one kind: checks the header and yields ``(line, cells)`` with cells trimmed;
    ``problems`` collects the bad rows (the reading stops at a row the CSV reader cannot read)."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.label = path.name
        self.kind = kind
        self.required, self.optional = columns_of(kind)
        self.index: dict[str, int] = {}
        self.encoding: str | None = None
        self.problems = Problems(self.label)

    def count_rows(self) -> int:
        """Data rows, roughly (newlines minus the header): only used to size the progress bar."""
        with self.path.open("rb") as handle:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(_CHUNK), b"")) - 1, 0)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data row with its line number; raises ``ImportRejected`` for a file that is not readable
        CSV text or whose header is wrong."""
        if not self.path.is_file():
            raise Invalid(f"{self.path}: no such file; check the path · 找不到文件 {self.path},请检查路径")
        if self.encoding is None:
            self.encoding = detect_encoding(self.path, self.label)
        with self.path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = next(reader, None)
            except csv.Error as error:
                raise rejected(self.label, 1, *_csv_error(error)) from None
            self._read_header(header)
            width = len(header)  # type: ignore[arg-type]
            last = reader.line_num  # a broken row is reported at the line it starts on
            try:
                for raw in reader:
                    last = reader.line_num
                    cells = [c.strip() for c in raw]
                    if not any(cells):
                        continue  # blank lines spreadsheets leave at the end
                    if len(cells) < width:
                        cells += [""] * (width - len(cells))
                    if "'" in "".join(cells):  # rare: only then look for quoted formulas cell by cell
                        cells = [unescape_formula(c) for c in cells]
                    yield reader.line_num, cells
            except csv.Error as error:
                # The reader cannot go on past a broken row: report it with the rows seen so far.
                reason, reason_zh, column = _csv_error(error)
                self.problems.add(last + 1, RowError(reason, column, reason_zh))

    def check_header(self) -> None:
        """Read the header (so ``index`` is known before the rows are); raises ``ImportRejected``."""
        rows = self.rows()
        next(rows, None)
        rows.close()

    def _read_header(self, header: list[str] | None) -> None:
        required, optional, label = self.required, self.optional, self.label
        expected_en = ", ".join(required) + (f" (optional: {', '.join(optional)})" if optional else "")
        chinese = CHINESE_HEADERS[self.kind]
        expected_zh = "、".join(chinese[c][0] for c in required) + (
            f"(可选:{'、'.join(chinese[c][0] for c in optional)})" if optional else ""
        )
        if header is None or not any(cell.strip() for cell in header):
            raise rejected(
                label,
                1,
                f"the file is empty or its first row is; the first row must be the header: {expected_en}",
                f"文件是空的,或第一行是空的;第一行应是表头:{expected_zh}",
            )
        names = header_names(self.kind)
        self.index = {}
        for position, cell in enumerate(header):
            column = names.get(header_key(cell))
            if column is None:
                continue  # extra columns are allowed and ignored
            if column in self.index:
                first = header[self.index[column]].strip()
                raise rejected(
                    label,
                    1,
                    f"the headers {first!r} and {cell.strip()!r} both mean {column}; keep one of them",
                    f"表头“{first}”和“{cell.strip()}”是同一列({column}),请只保留一个",
                    column,
                )
            self.index[column] = position
        if not self.index:
            found = ", ".join(repr(cell.strip()) for cell in header if cell.strip())
            raise rejected(
                label,
                1,
                f"the header ({found}) names none of the columns of a {self.kind} file: {expected_en}. "
                "Is this the right file? The first row must be the header",
                f"表头({found})里没有{_KIND_ZH[self.kind]}文件的任何一列:{expected_zh}。"
                "文件选对了吗?第一行必须是表头",
            )
        missing = [c for c in required if c not in self.index]
        if missing:
            raise rejected(
                label,
                1,
                f"missing column {', '.join(missing)} (the header must name {expected_en})",
                f"缺少列:{'、'.join(chinese[c][0] for c in missing)}(表头应包括 {expected_zh})",
                missing[0],
            )

    def column(self, name: str) -> int | None:
        """The cell index of a column, or None when the (optional) column is absent."""
        return self.index.get(name)


_KIND_ZH = {"customers": "顾客", "products": "商品", "sales": "销售"}


def detect_encoding(path: Path, label: str) -> str:
    """The encoding to read ``path`` with; raises ``ImportRejected`` when it is not text in one we read.

    UTF-8 (with or without the BOM Excel writes) and UTF-16/32 with a BOM are read as they say. Other
    bytes are most likely what Chinese Excel and WPS save as plain "CSV": the Windows code page, GBK.
    GB18030 is GBK's superset (GB2312 and GBK files decode identically), so it is the fallback, unless
    charset-normalizer (a maintained detector, already installed with requests) recognises Big5 from
    Taiwan or Hong Kong. Western single-byte code pages are not guessed: a shop's Chinese names decoded
    as one would be written as gibberish, so such a file is refused with a request to save it as UTF-8.
    """
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if head.startswith(_WORKBOOKS) or _looks_binary(head):
        raise rejected(
            label,
            1,
            f"this is not a CSV text file (an Excel workbook or another program's file?); {_SAVE_AS_CSV_EN}",
            f"这不是 CSV 文本文件(是 Excel 工作簿或别的文件?);{_SAVE_AS_CSV_ZH}",
        )
    first_bad = _first_bad_line(path, "utf-8")
    if first_bad is None:
        return "utf-8-sig"
    guess = charset_normalizer.from_bytes(head).best()
    guessed = codecs.lookup(guess.encoding).name if guess is not None else None
    candidates = ["gb18030"]
    if guessed is not None and guessed.replace("-", "") in _OTHER_CJK:
        candidates.insert(0, guessed)
    for encoding in candidates:
        if _first_bad_line(path, encoding) is None:
            return encoding
    line, what = first_bad
    if what == "nul":
        raise rejected(
            label,
            line,
            f"holds a NUL character (a zero byte): the file is damaged or not plain text; {_SAVE_AS_CSV_EN}",
            f"含有 NUL 空字符(零字节):文件已损坏或不是纯文本;{_SAVE_AS_CSV_ZH}",
        )
    raise rejected(
        label,
        line,
        f"is neither UTF-8 nor GBK/GB18030 text (the encodings Excel and WPS save); {_SAVE_AS_CSV_EN}",
        f"既不是 UTF-8 也不是 GBK/GB18030 文本(Excel 和 WPS 保存的编码);{_SAVE_AS_CSV_ZH}",
    )


def _looks_binary(head: bytes) -> bool:
    """More than one byte in fifty a control character: no spreadsheet writes that as text (one stray
    NUL in a text file is reported with its line instead)."""
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > max(2, len(head) // 50)


def _first_bad_line(path: Path, encoding: str) -> tuple[int, str] | None:
    """The line of the first NUL byte or of the first bytes ``encoding`` cannot decode (and which), or
    None when the whole file decodes: one streaming pass, a fraction of a second for 100 MB."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            nul = chunk.find(b"\0")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                at = min(error.start, nul) if nul >= 0 else error.start
                return line + chunk.count(b"\n", 0, max(at, 0)), "nul" if at == nul else "bytes"
            if nul >= 0:
                return line + chunk.count(b"\n", 0, nul), "nul"
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line, "bytes"
    return None


def _csv_error(error: csv.Error) -> tuple[str, str, str | None]:
    """A CSV reader's complaint as (reason, reason in Chinese, column)."""
    text = str(error)
    if "field larger than field limit" in text:
        limit = csv.field_size_limit()
        return (
            f'has a cell longer than {limit:,} characters: a quote (") is probably not closed, so the rest '
            "of the file ran into one cell",
            f'有一个单元格超过 {limit:,} 个字符:多半是引号(")没有配对,后面的内容都连进了一个单元格',
            None,
        )
    if "NUL" in text:
        return (
            "holds a NUL character (a zero byte): the file is damaged or not plain text",
            "含有 NUL 空字符(零字节):文件已损坏或不是纯文本",
            None,
        )
    return (f"is not valid CSV ({text})", f"不是有效的 CSV 格式({text})", None)


def progress_bar(file: CsvFile, enabled: bool, what: str) -> tqdm:
    """A progress bar over the file's rows (shown for big files when ``enabled``)."""
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
