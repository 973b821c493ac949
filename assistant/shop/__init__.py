"""The shop's services: plain, typed functions over the database that every door (chat, voice, web,
command line, reports) calls. Each takes a SQLAlchemy ``Session`` and the ``shop_id`` it works in."""
