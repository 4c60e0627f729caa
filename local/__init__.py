"""Local tooling: the template read as data, DynamoDB Local, tables and an API Gateway stand-in.

Nothing here ships in the layer or the functions; `make run` and the integration tests use it.
"""
