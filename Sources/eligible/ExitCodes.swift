import ArgumentParser

/// The exit codes every subcommand uses, documented in `--help` and the README.
extension ExitCode {
    /// Lint errors, or a failed regression case.
    static let findings = ExitCode(1)
    /// Bad usage (the argument parser's own).
    static let usage = ExitCode(64)
    /// Bad input data: the message names file, line or field path and what was expected.
    static let badInput = ExitCode(65)
    /// Internal error.
    static let internalError = ExitCode(70)

    /// The exit-code table shown in `eligible --help`.
    static let documentation = """
        Exit codes:
          0   success
          1   lint errors, or a failed regression case (eligible test), or rejected rows (eligible batch)
          64  bad usage
          65  bad input data (the message names the file, line or field and what was expected)
          70  internal error
          130 eligible batch stopped by Ctrl-C (the output holds only complete rows)
        """
}
