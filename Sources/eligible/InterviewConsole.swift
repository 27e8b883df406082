import Foundation

/// Where the interview's replies come from: a person at a terminal, or a script through a pipe.
///
/// Lines are read the same way from both. From a pipe, each reply is echoed after the prompt, so
/// the output reads as a transcript (at a terminal the terminal itself shows what was typed).
struct InterviewConsole {
    /// True when standard input is a terminal.
    let interactive = isatty(STDIN_FILENO) != 0

    /// Prints `prompt` and reads one reply (a trailing carriage return removed); nil at the end
    /// of the input. Throws when the output cannot be written.
    func read(prompt: String = "> ") throws -> String? {
        try Output.write(prompt)
        guard var line = readLine(strippingNewline: true) else {
            try Output.write("\n")
            return nil
        }
        if line.hasSuffix("\r") { line.removeLast() }
        if !interactive { try Output.write(line + "\n") }
        return line
    }
}
