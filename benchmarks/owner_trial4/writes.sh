#!/bin/sh
# What the conversations wrote: every row newer than the demo shop's last one (sales, items, tabs, stock, audit,
# consents, greetings, new customers) and the customers touched by an update (phone, birthday, tags, notes).
DB=${1:-${OWNER_TRIAL_DIR:-/tmp/ownertrial4}/shop.db}  # the trial's shop (owner.py's OWNER_TRIAL_DIR)
sqlite3 -header "$DB" "
SELECT s.id, s.kind, c.name AS customer, s.amount, s.voids_sale_id, s.channel,
       group_concat(p.name || ' x' || si.quantity || si.unit || '=' || si.amount, '; ') AS items
  FROM sales s LEFT JOIN customers c ON c.id = s.customer_id
  LEFT JOIN sale_items si ON si.sale_id = s.id LEFT JOIN products p ON p.id = si.product_id
 WHERE s.id > 2882 GROUP BY s.id;
SELECT ce.id, c.name, ce.kind, ce.amount, ce.sale_id, ce.voids_id FROM credit_entries ce
  JOIN customers c ON c.id = ce.customer_id WHERE ce.id > 14;
SELECT sm.id, p.name, sm.quantity, sm.reason, sm.sale_id FROM stock_movements sm
  JOIN products p ON p.id = sm.product_id WHERE sm.id > 19;
SELECT id, action, entity, entity_id, substr(detail, 1, 160) AS detail FROM audit_log WHERE id > 23;
SELECT c.name, co.purpose, co.granted, co.source, co.note FROM consents co JOIN customers c ON c.id = co.customer_id WHERE co.id > 77;
SELECT g.id, c.name, g.occasion, g.status, substr(g.text, 1, 60) FROM greetings g JOIN customers c ON c.id = g.customer_id;
SELECT c.id, c.name, c.phone, c.birthday_month || '-' || c.birthday_day AS birthday, c.household, c.notes,
       c.marketing_consent, (SELECT group_concat(t.name) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                             WHERE ct.customer_id = c.id) AS tags
  FROM customers c WHERE c.id > 80 OR c.id IN (SELECT entity_id FROM audit_log WHERE id > 23 AND entity = 'customer');
"
