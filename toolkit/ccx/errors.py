"""Errors the command line reports as one line, and the exit codes."""

EXIT_OK = 0
EXIT_ERROR = 1  # bad input, bad rows, a refusal by the server's business rules
EXIT_USAGE = 2  # wrong command-line arguments
EXIT_CONNECTION = 3  # server unreachable, login failed, addon missing
EXIT_ACCESS = 4  # the server refused access (AccessError)


class CcxError(Exception):
    """An error shown to the user as one line (no traceback).

    ``detail`` holds more text (the server's full message) for ``--verbose``.
    """

    def __init__(self, message, exit_code=EXIT_ERROR, detail=None):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.detail = detail
