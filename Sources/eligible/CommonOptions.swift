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

    /// Reads the rule book: a missing directory is no input (66), a broken vocabulary bad input (65).
    func ruleBook() throws -> RuleBook {
        try RulesOption.ruleBook(directory: directory)
    }

    /// Reads the rule book and compiles it.
    func evaluator() throws -> Evaluator {
        try Evaluator(rules: ruleBook())
    }

    /// Reads the rule book in `directory` (as the user named it).
    static func ruleBook(directory: String) throws -> RuleBook {
        try requireDirectory(directory)
        do {
            return try RuleBook(directory: URL(fileURLWithPath: directory), displayName: directory)
        } catch let error as RuleBookError {
            throw Failure.badInput(error.message)
        }
    }

    /// A rules directory that is not there is no input (66), as a missing file is.
    static func requireDirectory(_ directory: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.noInput("\(Terminal.printable(directory)): no such rules directory (use --rules DIR or set ELIGIBLE_RULES)")
        }
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
    /// An input file or folder that does not exist or cannot be opened (exit 66).
    case noInput(String)
    /// The output could not be written, or the input not read part way (exit 74).
    case output(String)
    /// Findings such as lint errors or failed cases (exit 1); the report is already printed.
    case findings

    /// The exit code it ends the command with.
    var exitCode: ExitCode {
        switch self {
        case .badInput: return .badInput
        case .noInput: return .noInput
        case .output: return .ioError
        case .findings: return .findings
        }
    }

    /// The message for stderr (none for findings: the report said it).
    var message: String? {
        switch self {
        case .badInput(let message), .noInput(let message), .output(let message): return message
        case .findings: return nil
        }
    }
}

/// Runs a command body: our failures become a message on stderr and their exit code (65 bad
/// input, 66 no input, 74 output errors, 1 findings), argument errors stay the parser's (64),
/// and anything unexpected is an internal error (70). Every subcommand's `run()` goes through
/// here.
func runCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as Failure {
        if let message = failure.message { Terminal.error(message) }
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

/// Reads a business file (JSON or YAML; `-` is stdin). A file that is not there or cannot be
/// opened is no input (66); errors in it name the file and field (65). At most one byte more
/// than a business file may hold is read, so a huge input is refused without filling memory.
func loadBusiness(_ path: String, vocabulary: Vocabulary) throws -> BusinessFacts {
    let fd: Int32
    if path == "-" {
        fd = STDIN_FILENO
    } else {
        try requireInput(path, folderAllowed: false)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.noInput("\(Terminal.printable(path)): cannot open the file (\(String(cString: strerror(errno))))") }
    }
    defer { if fd != STDIN_FILENO { close(fd) } }
    var data = Data()
    var block = [UInt8](repeating: 0, count: 1 << 16)
    while data.count <= BusinessFile.maximumBytes {
        let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw Failure.output("\(path == "-" ? "standard input" : Terminal.printable(path)): cannot read (\(String(cString: strerror(errno))))") }
        if n == 0 { break }
        data.append(contentsOf: block[0..<n])
    }
    let name = path == "-" ? "<stdin>" : path
    guard data.count <= BusinessFile.maximumBytes else {
        throw Failure.badInput("\(Terminal.printable(name)): more than \(BusinessFile.maximumBytes / 1024) KiB, the most a business file may hold "
            + "(a business is a few KiB; for a register of many businesses use eligible batch)")
    }
    return try BusinessFile.decode(data, fileName: name, vocabulary: vocabulary)
}

/// An input that is not there (or is a folder where a file is wanted) is no input (66).
func requireInput(_ path: String, folderAllowed: Bool) throws(Failure) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw Failure.noInput("\(Terminal.printable(path)): no such file\(folderAllowed ? " or folder" : "")")
    }
    if isDirectory.boolValue && !folderAllowed { throw Failure.noInput("\(Terminal.printable(path)): is a folder, not a file") }
}

/// Where output goes, and whether it may use colour and symbols.
enum Terminal {
    /// True when stdout is a terminal and NO_COLOR is unset.
    static let styled: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Writes a line to stderr, its control characters escaped (messages quote what files hold).
    static func error(_ message: String) {
        standardError("eligible: " + printable(message) + "\n")
    }

    /// Writes text to stderr as is. Nothing can be reported about a failure to write there, so
    /// it is ignored (never a crash).
    static func standardError(_ text: String) {
        try? OutputFile(descriptor: STDERR_FILENO, path: nil).write(text)
    }

    /// Wraps text in an ANSI style when styled output is allowed.
    static func style(_ text: String, _ code: String) -> String {
        styled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The text with every control character but line ends and tabs written as an escape
    /// (`\u{1b}`), so what an input file holds cannot drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }
}
