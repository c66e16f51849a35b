"""The council-branded layout (GOV.UK Frontend), the home page and the health check."""
