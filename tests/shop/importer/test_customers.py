"""The customers file on both databases: updates of what changed, consent in either language, bad rows."""

from __future__ import annotations

import pytest

from assistant.shop.consent import consent_history
from assistant.shop.customers import find_customer
from assistant.shop.importer import ImportRejected, import_csv

CUSTOMERS_HEADER = "name,aliases,phone,birthday,household,tags,notes,marketing_consent"


def test_changed_values_update_only_what_differs(engine, session, shop_id, tmp_path, csv_files, snapshot):
    files = csv_files
    import_csv(engine, shop_id=shop_id, customers=files["customers"])
    text = files["customers"].read_text(encoding="utf-8")
    text = text.replace("13800002222", "13911112222").replace("5栋1单元,,,no", "5栋1单元,,,yes")
    files["customers"].write_text(text.replace("陈美玲,陈团长|", "陈美玲,陈团长|陈姐|"), encoding="utf-8")
    report = import_csv(engine, shop_id=shop_id, customers=files["customers"])
    assert (report.customers_added, report.customers_updated, report.consents_recorded) == (0, 2, 1)
    wang = find_customer(session, shop_id=shop_id, name="汪阿姨")
    assert wang.phone == "13911112222" and wang.marketing_consent is True
    assert [c.granted for c in consent_history(session, customer_id=wang.id)] == [False, True]
    assert find_customer(session, shop_id=shop_id, name="陈姐").name == "陈美玲"


BAD_CUSTOMERS = [
    ("王秀英,,13800001111,1958-02-30,,,,yes", "is not a real date", "birthday"),
    ("王秀英,,call me,,,,,yes", "phone 'call me' is not a phone number", "phone"),
    ("王秀英,,,,,,,maybe", "marketing_consent 'maybe' must be yes or no", "marketing_consent"),
    (",王阿姨,,,,,,yes", "the name is empty", "name"),
]


@pytest.mark.parametrize(("row", "reason", "column"), BAD_CUSTOMERS, ids=[c for _, _, c in BAD_CUSTOMERS])
def test_bad_customer_row_refused_with_line(
    engine, session, shop_id, tmp_path, snapshot, row, reason, column
):
    path = tmp_path / "customers.csv"
    path.write_text(f"{CUSTOMERS_HEADER}\n李建国,李叔,,,,高血压,,yes\n{row}\n", encoding="utf-8")
    before = snapshot(session)
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, customers=path)
    assert (error.value.problems[0].line, error.value.field) == (3, column)
    assert reason in str(error.value)
    assert snapshot(session) == before  # the good row on line 2 was not written either
