import ArgumentParser

/// The exit codes every subcommand uses (the sysexits convention from 64 on), documented in
/// `--help` and the README.
extension ExitCode {
    /// Lint errors, a failed regression case, or rejected rows.
    static let findings = ExitCode(1)
    /// Bad usage (the argument parser's own).
    static let usage = ExitCode(64)
    /// Bad input data: the message names file, line or field path and what was expected.
    static let badInput = ExitCode(65)
    /// An input file or folder does not exist or cannot be opened (EX_NOINPUT).
    static let noInput = ExitCode(66)
    /// Internal error.
    static let internalError = ExitCode(70)
    /// The output could not be written, or the input could not be read part way (EX_IOERR).
    static let ioError = ExitCode(74)
    /// `batch` stopped by SIGINT (Ctrl-C): 128 + 2.
    static let interrupted = ExitCode(130)
    /// `batch` stopped by SIGTERM: 128 + 15.
    static let terminated = ExitCode(143)

    /// The exit-code table shown in every `--help`.
    static let documentation = """
        Exit codes:
          0   success
          1   lint errors, or a failed regression case (eligible test), or rejected rows (eligible batch, unless --rejected-ok)
          64  bad usage
          65  bad input data (the message names the file, line or field and what was expected)
          66  an input file or folder does not exist or cannot be opened (the message names it)
          70  internal error
          74  the output could not be written, e.g. a full disk (the message names where), or the input not read
          130 eligible batch stopped by Ctrl-C, 143 by SIGTERM (the output holds only complete rows)
        """
}
