"""The editors' content checks. Each module checks one kind of mistake and returns Problems.

`macros.check` runs them all and prints one line per problem:
``path:line: what is wrong — how to fix it``.
"""
