import Foundation
import Glibc
import Testing

/// The built `eligible` running in a pseudo-terminal, typed at and read from as a person would.
///
/// The program's standard input, output and error are the terminal side of a pty opened from
/// `/dev/ptmx`, so `isatty` is true for it and the terminal's line discipline echoes what is
/// typed, as at a real terminal. `screen` is everything the program (and the echo) wrote, with the
/// terminal's `\r\n` read as `\n`; when the program ends it is followed by `[exit N]`. (Linux:
/// the tests run there.)
final class TerminalSession {
    /// What the terminal has shown, filled by the reading thread.
    private final class Shown: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        /// Signalled when the program has exited and everything it wrote has been read.
        let finished = DispatchSemaphore(value: 0)

        func append(_ more: Data) {
            lock.lock()
            data.append(more)
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Linux's TIOCSPTLCK (`_IOW('T', 0x31, int)`): unlocks the terminal side of a pty.
    private static let unlockTerminal: UInt = 0x4004_5431
    /// Linux's TIOCGPTN (`_IOR('T', 0x30, unsigned int)`): the number N of /dev/pts/N.
    private static let terminalNumber: UInt = 0x8004_5430

    private let process = Process()
    private let master: Int32
    private let shown = Shown()

    /// Starts `eligible arguments...` in `directory` with NO_COLOR=1 and no ELIGIBLE_RULES, in a
    /// terminal `width` columns wide.
    init(_ arguments: [String], in directory: URL, width: Int = 250) throws {
        guard let binary = CLI.binary else {
            throw TerminalError("the eligible binary was not found; build it first (swift build --build-tests)")
        }
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TerminalError("cannot open a pseudo-terminal (errno \(errno))") }
        // Glibc's posix_openpt, unlockpt and ptsname are not imported into Swift (they need
        // _XOPEN_SOURCE), so this does what they do, with Linux's ioctls.
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, Self.unlockTerminal, &unlock) == 0, ioctl(master, Self.terminalNumber, &number) == 0 else {
            close(master)
            throw TerminalError("cannot set up the pseudo-terminal (errno \(errno))")
        }
        let terminalPath = "/dev/pts/\(number)"
        let terminal = open(terminalPath, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(master)
            throw TerminalError("cannot open \(terminalPath) (errno \(errno))")
        }
        defer { close(terminal) }
        var size = winsize(ws_row: 50, ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(terminal, UInt(TIOCSWINSZ), &size)

        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "dumb"
        environment.removeValue(forKey: "ELIGIBLE_RULES")
        process.environment = environment
        let handle = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        do {
            try process.run()
        } catch {
            close(master)
            throw error
        }
        let (master, shown, process) = (self.master, self.shown, self.process)
        Thread {
            Self.read(master, into: shown)
            process.waitUntilExit()
            shown.append(Data("[exit \(process.terminationStatus)]\n".utf8))
            shown.finished.signal()
        }.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
        _ = shown.finished.wait(timeout: .now() + 10)
        close(master)
    }

    /// Types `line` and presses Enter.
    func type(_ line: String) throws {
        let bytes = Array((line + "\r").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw TerminalError("cannot type into the terminal (errno \(errno))") }
    }

    /// Everything the terminal has shown so far, `\r\n` read as `\n`.
    func screen() -> String {
        shown.text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Waits until `text` appears on the screen at least `count` times; returns the screen.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var current = ""
        while Date() < deadline {
            current = screen()
            if current.components(separatedBy: text).count - 1 >= count { return current }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the screen never showed \(text.debugDescription) \(count) time(s); it shows:\n\(current)", sourceLocation: sourceLocation)
        throw TerminalError("timed out")
    }

    /// Reads the terminal until the program has closed it (a read then fails: EIO on Linux).
    private static func read(_ fd: Int32, into shown: Shown) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                shown.append(Data(buffer[0..<n]))
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// A pseudo-terminal session that could not be driven.
struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
