"""The open REST API (/api/v1/), its tokens, and outgoing webhooks for payroll and HR systems."""
