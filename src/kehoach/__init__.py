"""kehoach: structured facts from Vietnamese government plans.

    from kehoach.corpus import read
    from kehoach.extract import extract
    plan = extract(read("corpus/000_cd3a10cc7c8fb063.txt"))
"""

__version__ = "0.1.0"
