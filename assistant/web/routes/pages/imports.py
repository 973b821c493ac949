"""Import: upload the shop's CSV files (the command line's checks: one bad row and nothing of that file is
written), every bad row listed with its line, a template per file, a summary in plain words."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from assistant.errors import Invalid
from assistant.shop import importer
from assistant.shop.importer import ImportRejected, ImportReport, RowProblem, import_csv
from assistant.web.deps import CurrentOwner, SessionDep
from assistant.web.i18n import Pick, language_of
from assistant.web.routes.pages.common import message_of, page, t_for

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
CSV_FIELDS = ("customers", "products", "sales")
CsvUpload = Annotated[UploadFile | None, File()]


@router.get("/import")
def import_page(request: Request, owner: CurrentOwner) -> Response:
    """The upload form for the contract's three CSV files."""
    return page(request, "import.html", owner, errors={}, problems=[], summary=None)


@router.get("/import/template/{kind}.csv")
def import_template(kind: str, _owner: CurrentOwner) -> Response:
    """A CSV to fill in: Chinese headers and one example row (UTF-8 with BOM, so Excel opens it right)."""
    if kind not in CSV_FIELDS:
        raise HTTPException(404, f"no template for {kind!r}")
    return Response(importer.template_bytes(kind), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{kind}-template.csv"'})


def _row_problem(problem: RowProblem, kind: str, t: Pick) -> dict[str, Any]:
    """One bad row for the page: its line, the column (by the header she knows) and the reason."""
    column_zh = importer.CHINESE_HEADERS.get(kind, {}).get(problem.column or "", (problem.column,))[0]
    return {"line": problem.line, "text": t(
        f"第{problem.line}行" + (f"({column_zh})" if problem.column else "") + f":{problem.reason_zh or problem.reason}",
        f"Line {problem.line}" + (f" ({problem.column})" if problem.column else "") + f": {problem.reason}")}


def _summary(report: ImportReport, t: Pick) -> str:
    """What the import did, in plain words."""
    parts = []
    if report.customers_added or report.customers_updated:
        parts.append(t(f"顾客新加{report.customers_added}位,更新{report.customers_updated}位",
                       f"{report.customers_added} new customers, {report.customers_updated} updated"))
    if report.products_added or report.products_updated:
        parts.append(t(f"商品新加{report.products_added}种,更新{report.products_updated}种",
                       f"{report.products_added} new products, {report.products_updated} updated"))
    if report.sales_added:
        parts.append(t(f"销售记录{report.sales_added}笔", f"{report.sales_added} sales"))
    if report.sales_already_there:
        parts.append(t(f"{report.sales_already_there}笔以前已经导入过", f"{report.sales_already_there} already there"))
    if not parts:
        return t("导入完成,没有新的内容(这些行以前都导入过)", "Done: nothing new (these rows were already there)")
    return t("导入完成:", "Imported: ") + t(";", "; ").join(parts) + t("。", ".")


@router.post("/import")
async def import_upload(request: Request, session: SessionDep, owner: CurrentOwner, customers: CsvUpload = None,
                        products: CsvUpload = None, sales: CsvUpload = None) -> Response:
    """Import the uploaded files; every bad row is listed at the top and under its file."""
    t, language = t_for(request), language_of(request)
    uploads = {"customers": customers, "products": products, "sales": sales}
    limit = request.app.state.settings.max_upload_bytes
    errors: dict[str, list[dict[str, Any]]] = {}

    def refused(status_code: int = 422) -> Response:
        problems = [problem for field in ("form", *CSV_FIELDS) for problem in errors.get(field, [])]
        return page(request, "import.html", owner, status_code=status_code, errors=errors, problems=problems,
                    summary=None)

    with tempfile.TemporaryDirectory(prefix="zhanggui-import-") as folder:
        paths: dict[str, Path] = {}
        for field, upload in uploads.items():
            if upload is None or not upload.filename:
                continue
            data = await upload.read(limit + 1)
            if len(data) > limit:
                megabytes = limit // (1024 * 1024)
                errors[field] = [{"line": None, "text": t(
                    f"文件超过{megabytes}MB:请分成几个文件,一个一个导入",
                    f"The file is over {megabytes} MB: split it and upload the parts one after another")}]
                continue
            paths[field] = Path(folder) / f"{field}.csv"
            paths[field].write_bytes(data)
        if not paths and not errors:
            errors["form"] = [{"line": None, "text": t("请至少选一个文件", "Choose at least one CSV file")}]
        if errors:
            return refused()
        try:
            # One transaction for all files: a bad row anywhere leaves the shop exactly as it was.
            report = import_csv(session, shop_id=owner.shop_id, channel="web", **paths)
        except ImportRejected as rejected:
            session.rollback()
            field = rejected.file.removesuffix(".csv")
            field = field if field in CSV_FIELDS else "form"
            errors[field] = [_row_problem(p, field, t) for p in rejected.problems]
            if rejected.total > len(rejected.problems):
                more = rejected.total - len(rejected.problems)
                errors[field].append({"line": None, "text": t(f"……还有{more}行", f"… and {more} more rows")})
            return refused()
        except Invalid as error:
            session.rollback()
            errors["form"] = [{"line": None, "text": message_of(error, language)}]
            return refused()
    return page(request, "import.html", owner, errors={}, problems=[], summary=_summary(report, t))
