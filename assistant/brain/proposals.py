"""Writes the owner has to confirm: proposed by an action, read back, carried out only on "yes".

A proposal is a small JSON-able dict kept in the conversation's ``pending`` slot:
``{"kind": "sale", "data": {...}, "summary": "..."}``. ``commit`` carries it out with the shop services
and returns what ``undo`` needs to take it back (kept in the ``last_write`` slot).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from assistant.db.models import Customer, Product, StockMovement
from assistant.errors import Invalid, NotFound
from assistant.shop import audit
from assistant.shop.consent import record_consent
from assistant.shop.customers import Birthday, add_customer, get_customer, update_customer
from assistant.shop.sales import SaleLine, log_sale, void_sale
from assistant.shop.stock import move_stock, stock_in

Proposal = dict[str, Any]


def proposal(kind: str, summary: str, **data: Any) -> Proposal:
    """A proposal of ``kind`` with the data ``commit`` needs and the read-back ``summary``."""
    return {"kind": kind, "summary": summary, "data": data}


def commit(session: Session, *, shop_id: int, pending: Proposal, channel: str,
           conversation_id: str) -> dict[str, Any]:
    """Carry out a confirmed proposal; returns the ``last_write`` record that ``undo`` takes back."""
    kind, data = pending["kind"], pending["data"]
    if kind == "sale":
        customer = _customer_for_sale(session, shop_id=shop_id, data=data, channel=channel)
        lines = [SaleLine(product=_product(session, shop_id, line["product_id"]),
                          quantity=Decimal(str(line["quantity"])), unit=line.get("unit"),
                          amount=Decimal(str(line["amount"])) if line.get("amount") is not None else None)
                 for line in data["lines"]]
        sale = log_sale(session, shop_id=shop_id, lines=lines, channel=channel, customer=customer,
                        conversation_id=conversation_id)
        written = {"kind": "sale", "id": sale.id}
        if data.get("new_customer"):
            written["new_customer_id"] = customer.id
        return written
    if kind == "add_customer":
        customer = add_customer(session, shop_id=shop_id, channel=channel, name=data["name"],
                                phone=data.get("phone"), tags=data.get("tags"),
                                birthday=Birthday.parse(data["birthday"]) if data.get("birthday") else None,
                                notes=data.get("notes"), household=data.get("household"))
        return {"kind": "add_customer", "id": customer.id}
    if kind == "update_customer":
        customer = get_customer(session, shop_id=shop_id, customer_id=data["customer_id"])
        changes = update_customer(session, customer, channel=channel, phone=data.get("phone"),
                                  birthday=Birthday.parse(data["birthday"]) if data.get("birthday") else None,
                                  add_tags=data.get("add_tags"), add_note=data.get("note"))
        return {"kind": "update_customer", "id": customer.id,
                "tags_added": changes.get("tags_added", []), "note": changes.get("note")}
    if kind == "consent":
        customer = get_customer(session, shop_id=shop_id, customer_id=data["customer_id"])
        before = bool(customer.marketing_consent)
        record_consent(session, customer=customer, purpose="marketing", granted=data["granted"], source=channel,
                       note=data.get("note"))
        return {"kind": "consent", "id": customer.id, "before": before}
    if kind == "stock_in":
        product = _product(session, shop_id, data["product_id"])
        movement = stock_in(session, product=product, quantity=Decimal(str(data["quantity"])), channel=channel)
        return {"kind": "stock_in", "id": movement.id}
    if kind == "keep_greeting":  # the recording is already queued; "yes" keeps it there
        return {"kind": "greeting", "id": data["greeting_id"]}
    raise Invalid(f"unknown proposal kind {kind!r}")


def drop(session: Session, *, shop_id: int, pending: Proposal, channel: str) -> None:
    """The owner said no: most proposals wrote nothing, but a recorded greeting is cancelled."""
    if pending.get("kind") == "keep_greeting":
        from assistant.shop.greetings import cancel

        cancel(session, shop_id=shop_id, greeting_id=pending["data"]["greeting_id"], channel=channel)


async def commit_greeting(session: Session, *, shop_id: int, pending: Proposal, channel: str) -> dict[str, Any]:
    """Speak an approved composed greeting with the shop's voice and queue it."""
    from assistant.shop.greetings import make_composed_greeting
    from assistant.speech.tts import make_synthesizer

    data = pending["data"]
    customer = get_customer(session, shop_id=shop_id, customer_id=data["customer_id"])
    greeting = await make_composed_greeting(session, customer=customer, occasion=data["occasion"], text=data["text"],
                                            synthesizer=make_synthesizer(), channel=channel,
                                            language=data.get("language"), insist=data.get("insist", False))
    return {"kind": "greeting", "id": greeting.id}


def undo(session: Session, *, shop_id: int, last_write: dict[str, Any], channel: str,
         conversation_id: str) -> None:
    """Take back a write of this conversation: append a correcting record, never edit history."""
    kind = last_write["kind"]
    if kind == "sale":
        void_sale(session, shop_id=shop_id, sale_id=last_write["id"], channel=channel,
                  conversation_id=conversation_id)
        return
    if kind == "stock_in":
        movement = session.get(StockMovement, last_write["id"])
        if movement is None or movement.shop_id != shop_id:
            raise NotFound("that delivery is no longer on record")
        move_stock(session, product=_product(session, shop_id, movement.product_id),
                   quantity=-Decimal(movement.quantity), reason="void", channel=channel,
                   note=f"undo of movement {movement.id}")
        audit.record(session, shop_id=shop_id, channel=channel, action="undo_stock_in", entity="product",
                     entity_id=movement.product_id, detail={"movement_id": movement.id})
        return
    if kind == "consent":
        customer = get_customer(session, shop_id=shop_id, customer_id=last_write["id"])
        record_consent(session, customer=customer, purpose="marketing", granted=last_write["before"],
                       source=channel, note="undo")
        return
    if kind == "update_customer":
        customer = get_customer(session, shop_id=shop_id, customer_id=last_write["id"])
        update_customer(session, customer, channel=channel, remove_tags=last_write.get("tags_added") or None)
        if last_write.get("note") and customer.notes:
            customer.notes = customer.notes.removesuffix(last_write["note"]).rstrip("\n") or None
        return
    if kind == "greeting":
        from assistant.shop.greetings import cancel

        cancel(session, shop_id=shop_id, greeting_id=last_write["id"], channel=channel)
        return
    if kind == "add_customer":
        customer = get_customer(session, shop_id=shop_id, customer_id=last_write["id"])
        session.delete(customer)
        audit.record(session, shop_id=shop_id, channel=channel, action="undo_add", entity="customer",
                     entity_id=last_write["id"])
        return
    raise Invalid(f"cannot take back a {kind}")


def _product(session: Session, shop_id: int, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.shop_id != shop_id:
        raise NotFound(f"no product with id {product_id}")
    return product


def _customer_for_sale(session: Session, *, shop_id: int, data: dict[str, Any], channel: str) -> Customer | None:
    if data.get("customer_id"):
        return get_customer(session, shop_id=shop_id, customer_id=data["customer_id"])
    if data.get("new_customer"):
        return add_customer(session, shop_id=shop_id, name=data["new_customer"], channel=channel)
    return None
