"""Preprocessing for the US–China briefing dashboard: ingestion, cleaning and analysis.

This package knows nothing of Streamlit; the dashboard in ``app.py`` and ``pages/`` reads
what it produces.
"""
