"""Helpers shared by the tests; imported as ``helpers.<module>``, never run as tests."""
