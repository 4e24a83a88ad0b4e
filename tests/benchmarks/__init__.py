"""Benchmarks (``make bench``, ``make bench-scale``): real HTTP against gunicorn.

The files are named ``bench_*.py`` and ``common.py`` so that pytest (``test_*.py``) never
collects them; they are scripts, run with ``python -m tests.benchmarks.bench_app``.
"""
