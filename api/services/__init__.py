"""Writes of the api app: tokens, webhook endpoints, employees through the API."""
