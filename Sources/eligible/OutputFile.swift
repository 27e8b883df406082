import Foundation

/// Where a command's results go: standard output or a file named with `--out`, written with
/// `write(2)` and nothing buffered, so a full disk or a closed pipe is a `Failure.output` naming
/// where the output was going (exit 74), never a crash and never a silent loss.
struct OutputFile {
    /// The file descriptor written to.
    let descriptor: Int32
    /// The path as given, or nil for standard output.
    let path: String?

    /// Standard output.
    static let standardOutput = OutputFile(descriptor: STDOUT_FILENO, path: nil)

    /// Creates (or empties) the file at `path`; failing that is an output error (exit 74).
    static func create(_ path: String) throws(Failure) -> OutputFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.output("cannot create \(Terminal.printable(path)): \(String(cString: strerror(errno)))") }
        return OutputFile(descriptor: fd, path: path)
    }

    /// Writes every byte, retrying short and interrupted writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.output("cannot write to \(name): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Writes text as UTF-8.
    func write(_ text: String) throws(Failure) {
        var text = text
        var failure: Failure?
        text.withUTF8 { bytes in
            do throws(Failure) { try write(UnsafeRawBufferPointer(bytes)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes a file opened with `create`; a failure there (a full disk on NFS) is an output error.
    func close() throws(Failure) {
        guard path != nil else { return }
        guard Foundation.close(descriptor) == 0 else { throw Failure.output("cannot write to \(name): \(String(cString: strerror(errno)))") }
    }

    /// How messages name it: the path given, or what standard output is connected to
    /// (`/dev/full (standard output)`, `standard output (a pipe)`).
    var name: String {
        if let path { return Terminal.printable(path) }
        var target = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/fd/\(descriptor)", &target, target.count - 1)
        guard n > 0 else { return "standard output" }
        let link = String(decoding: target[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if link.hasPrefix("/") { return "\(Terminal.printable(link)) (standard output)" }
        if link.hasPrefix("pipe:") { return "standard output (a pipe)" }
        return "standard output"
    }
}
