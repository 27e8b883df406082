/// Every way a call into Lua can fail, as one Swift error.
///
/// Messages from Lua already start with `chunk:line:` (chunks are named like
/// `@rules/retrofit.lua`), so `description` names the file and line a person must fix.
public enum LuaError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A chunk did not compile. `message` is Lua's, e.g. `rules/x.lua:3: '=' expected near 'y'`.
    case syntax(message: String)
    /// A script raised an error while running; `traceback` is Lua's stack traceback, if any.
    case runtime(message: String, traceback: String)
    /// A script tried to hold more than the state's memory cap.
    case memory(capBytes: Int)
    /// A script ran more instructions than one call may.
    case budget(instructions: Int)
    /// A value could not cross the bridge: `path` names where (e.g. `decisions[2].award`).
    case conversion(path: String, expected: String, got: String)
    /// A script raised something that is not a string (a table, nil, a boolean...).
    case errorValue(typeName: String)

    public var description: String {
        switch self {
        case .syntax(let message): return message
        case .runtime(let message, _): return message
        case .memory(let cap):
            return "script used more than the \(cap / (1024 * 1024)) MiB memory limit"
        case .budget(let instructions):
            return "script ran more than \(instructions) instructions (an endless loop?)"
        case .conversion(let path, let expected, let got):
            return path.isEmpty ? "expected \(expected), got \(got)" : "\(path): expected \(expected), got \(got)"
        case .errorValue(let typeName):
            return "script raised an error whose value is a \(typeName), not a message"
        }
    }

    /// Whether the chunk did not compile.
    public var isSyntax: Bool { if case .syntax = self { return true } else { return false } }

    /// The `file:line` a Lua message starts with, if it has one (`rules/x.lua`, 12).
    public var location: (file: String, line: Int)? {
        let message: String
        switch self {
        case .syntax(let m), .runtime(let m, _): message = m
        default: return nil
        }
        return LuaError.location(in: message)
    }

    /// Parses the leading `file:line:` of a Lua error message.
    public static func location(in message: String) -> (file: String, line: Int)? {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[1]), !parts[0].isEmpty,
              !parts[0].contains(" ") else { return nil }
        return (String(parts[0]), line)
    }
}
