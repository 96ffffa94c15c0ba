"""Sub-commands that need the NLP pipeline (parse, ...)."""


def add_commands(sub) -> None:
    pass
