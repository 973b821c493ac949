"""Importing what a Chinese shop has: a GBK file saved by Excel or WPS, with Chinese headers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assistant.shop import importer

pytestmark = pytest.mark.browser


def test_gbk_file_with_chinese_headers_lists_both_bad_rows_then_imports(logged_in, tmp_path, screenshot):
    if not hasattr(importer, "CHINESE_HEADERS"):
        pytest.skip("the importer does not read GBK files with Chinese headers yet (branch importer)")
    page = logged_in
    header = "姓名,别名,电话,生日,家庭,标签,备注,同意营销\n"
    rows = ["钱小花,,13811112222,3月18日,,,,是", "孙坏号,,1385710123,05-06,,,,是", "赵错日,,13811113333,02-30,,,,否"]
    mine = tmp_path / "顾客.csv"
    mine.write_bytes((header + "\n".join(rows) + "\n").encode("gbk"))
    page.click("nav >> text=导入")
    page.set_input_files("input[name=customers]", str(mine))
    page.click("#import-form button[type=submit]")
    problems = page.locator("#errors li")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("第3行")
    expect(problems.nth(1)).to_contain_text("第4行")
    assert page.locator("input[name=customers]").evaluate("input => input.files[0].name") == "顾客.csv"
    screenshot(page, "import-errors")
    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes((header + "钱小花,,13811112222,3月18日,,,,是\n孙好号,,13857100000,05-06,,高血压,,否\n").encode("gbk"))
    page.set_input_files("input[name=customers]", str(fixed))
    page.click("#import-form button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("导入完成:顾客新加2位")
    template = page.request.get(page.url.split("/import")[0] + "/import/template/customers.csv")
    assert template.body().startswith("\ufeff".encode()) and "姓名" in template.text()
