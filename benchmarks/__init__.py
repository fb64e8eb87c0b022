"""Speed and memory benchmarks of hnclient; run them with ``make bench`` (see README.md)."""
