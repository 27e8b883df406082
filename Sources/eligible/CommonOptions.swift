import ArgumentParser
import Eligibility
import Foundation

/// `--rules DIR`: where the rule scripts are (default `./rules`, or `$ELIGIBLE_RULES`).
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: "The rules directory (default: $ELIGIBLE_RULES, else ./rules).")
    var rules: String?

    /// The directory to use, as the user would name it in messages.
    var directory: String {
        rules ?? ProcessInfo.processInfo.environment["ELIGIBLE_RULES"] ?? "rules"
    }

    /// Reads the rule book; a missing directory or a broken vocabulary is bad input (65).
    func ruleBook() throws -> RuleBook {
        do {
            return try RuleBook(directory: URL(fileURLWithPath: directory), displayName: directory)
        } catch let error as RuleBookError {
            throw Failure.badInput(error.message)
        }
    }

    /// Reads the rule book and compiles it; a missing directory is bad input (65).
    func evaluator() throws -> Evaluator {
        try Evaluator(rules: ruleBook())
    }
}

/// `--as-of`: the instant to decide at (UK local time; default now).
struct AsOfOption: ParsableArguments {
    @Option(name: .long, help: "Decide as at this date or time, UK local (YYYY-MM-DD or YYYY-MM-DDTHH:MM; default: now).")
    var asOf: String?

    /// The instant asked for.
    func instant() throws -> AsOf {
        guard let asOf else { return AsOf.now() }
        do { return try AsOf(parsing: asOf) } catch {
            throw ValidationError("--as-of: \(error)")
        }
    }
}

/// A failure with its exit code; its message goes to stderr.
enum Failure: Error {
    /// Bad input data (exit 65).
    case badInput(String)
    /// Findings such as lint errors or failed cases (exit 1); the report is already printed.
    case findings

    /// Prints the message and exits with the right code.
    var exitCode: ExitCode {
        switch self {
        case .badInput: return .badInput
        case .findings: return .findings
        }
    }
}

/// Runs a command body: our failures become a message on stderr and their exit code (65 bad
/// input, 1 findings), argument errors stay the parser's (64), and anything unexpected is an
/// internal error (70). Every subcommand's `run()` goes through here.
func runCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Failure {
        if case .badInput(let message) = failure { Terminal.error(message) }
        throw failure.exitCode
    } catch let errors as InputErrors {
        for error in errors.errors { Terminal.error(error.description) }
        throw ExitCode.badInput
    } catch let error as InputError {
        Terminal.error(error.description)
        throw ExitCode.badInput
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        Terminal.error("internal error: \(error)")
        throw ExitCode.internalError
    }
}

/// Reads a business file (JSON or YAML; `-` is stdin); errors name the file and field (65).
func loadBusiness(_ path: String, vocabulary: Vocabulary) throws -> BusinessFacts {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw Failure.badInput("\(path): no such file")
        }
        data = contents
    }
    return try BusinessFile.decode(data, fileName: path == "-" ? "<stdin>" : path, vocabulary: vocabulary)
}

/// Where output goes, and whether it may use colour and symbols.
enum Terminal {
    /// True when stdout is a terminal and NO_COLOR is unset.
    static let styled: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Writes a line to stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("eligible: " + message + "\n").utf8))
    }

    /// Wraps text in an ANSI style when styled output is allowed.
    static func style(_ text: String, _ code: String) -> String {
        styled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
