"""Benchmark of build speed against plain Pelican: corpus generator and harness."""
