"""The service overview: indicators, trends, RAG against targets, suppressed for elected members."""
