"""CSV import (CONTRACT §3): customers, products and sales as a shop exports them from a spreadsheet.

Rules every file follows:

* Text with a header row: UTF-8 (a BOM, as Excel writes it, is accepted) or GBK/GB18030, what Chinese
  Excel and WPS save as plain "CSV" (see ``reading.detect_encoding``). Headers are the contract's English
  names or the usual Chinese ones (``columns.CHINESE_HEADERS``); columns may come in any order; unknown
  extra columns are ignored. ``template(kind)`` is a file to fill in.
* Anything else (a workbook, a NUL byte, a cell the CSV reader cannot hold, an empty file, a header naming
  no known column) is refused with ``ImportRejected`` like a bad row, never with a traceback.
* Each problem is given in Chinese and English (``ImportRejected.rows``: line, column, reason_zh,
  reason_en). A value that the export quoted against spreadsheet formulas (``'=…``) loses the quote.
* All-or-nothing per file: a bad row is reported with the file, its line number and the reason, and
  nothing of that file is kept. Customers and products are checked whole before anything is written;
  sales are written while they are read (one pass over millions of rows) and a bad row stops the writing,
  the rest of the file is still checked, and the file's transaction is rolled back. Files are imported
  customers → products → sales, each in its own transaction, so a bad sales file leaves the customers
  just imported in place.
* Idempotent: importing the same file again changes no row. Customers and products are matched by name
  or alias and only updated when a value differs; an empty cell leaves the stored value alone, and tags,
  aliases and ``suits`` are added, never removed (an import must not silently drop a health fact).
  A sales row group gets ``Sale.import_key``: a hash of its content plus its occurrence number among
  identical groups in the file, so two identical rows stay two sales and a re-import adds none.
* Sales: consecutive rows with the same date, customer and promotion are one sale (one receipt) with an
  item per row. Imported sales are history and do **not** move stock; the products file's ``stock``
  column is the level on the shelf, set with a ``count`` movement when it differs from the stored one.
  (Moving stock for a year of imported sales would drive every product deeply negative.)

Sales are written through the driver in batches (``db.copy``: COPY on PostgreSQL), ids reserved up
front, so 2 million items import in minutes without an ORM object per row.

By job: ``reading`` (the file, its header and rows), ``cells`` (one cell's value), ``names`` (which
customer or product a name means), ``customers`` / ``customer_writes``, ``products``, ``sales`` (one
module per file kind), ``problems`` (what a bad row reports), ``run`` (``import_csv``).
"""

from assistant.shop.importer.cells import escape_formula, unescape_formula
from assistant.shop.importer.columns import (
    CHINESE_HEADERS,
    CUSTOMER_COLUMNS,
    CUSTOMER_OPTIONAL,
    KINDS,
    PRODUCT_COLUMNS,
    SALE_COLUMNS,
    SALE_OPTIONAL,
    template,
    template_bytes,
)
from assistant.shop.importer.problems import ImportRejected, RowProblem
from assistant.shop.importer.report import ImportReport
from assistant.shop.importer.run import count_rows, import_csv

__all__ = [
    "CHINESE_HEADERS",
    "CUSTOMER_COLUMNS",
    "CUSTOMER_OPTIONAL",
    "KINDS",
    "PRODUCT_COLUMNS",
    "SALE_COLUMNS",
    "SALE_OPTIONAL",
    "count_rows",
    "escape_formula",
    "import_csv",
    "ImportRejected",
    "ImportReport",
    "RowProblem",
    "template",
    "template_bytes",
    "unescape_formula",
]
