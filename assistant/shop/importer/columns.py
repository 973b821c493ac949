"""The columns of the three contract CSV files (CONTRACT §3)."""

CUSTOMER_COLUMNS = ("name", "aliases", "phone", "birthday", "household", "tags", "notes", "marketing_consent")
CUSTOMER_OPTIONAL = ("referred_by",)
PRODUCT_COLUMNS = ("name", "aliases", "category", "unit", "price", "stock", "suits")
SALE_COLUMNS = ("date", "customer", "product", "quantity", "unit", "amount")
SALE_OPTIONAL = ("promotion",)
