"""Outputs: the brief, exports, and the web evidence browser."""
