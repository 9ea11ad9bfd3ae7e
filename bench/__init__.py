"""The benchmark runner behind `make bench`; see bench/README.md."""
