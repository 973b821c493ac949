"""The demo shop 禾香粮油: a year of a Hangzhou neighbourhood grain-and-oil shop, deterministic per seed.

``data.py`` holds its products and the people the examples talk about, ``simulation.py`` builds a year
of their shopping (``build_demo``), ``load.py`` replaces the shop's data with it (``load_demo``), and
``benchmark.py`` writes a scaled synthetic shop as CSV (``generate_demo_csv``).
"""

from assistant.shop.demo.load import load_demo
from assistant.shop.demo.simulation import DemoShop, build_demo

__all__ = ["DemoShop", "build_demo", "load_demo"]
