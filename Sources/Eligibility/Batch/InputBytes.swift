import Foundation

/// The bytes of a batch register, read a block at a time from a file, standard input or
/// memory.
///
/// A pipe or terminal is waited on at most `pollMilliseconds` at a time, so a request to stop
/// (Ctrl-C, SIGTERM) is seen even while standard input is open and idle.
final class InputBytes: @unchecked Sendable {
    /// What one read did.
    enum Read {
        /// Appended this many bytes.
        case bytes(Int)
        /// The input has no more bytes.
        case end
        /// `shouldStop` said to stop before more bytes came.
        case stopped
        /// A pipe or terminal had no bytes for `pollMilliseconds` (rows already read can be
        /// decided now, not when more input comes).
        case idle
    }

    /// Bytes appended per read at most.
    static let blockSize = 1 << 20
    /// How long one wait for a pipe lasts before the stop request is looked at again.
    static let pollMilliseconds: Int32 = 100

    /// The input's size when it is a regular file or bytes in memory (for an ETA).
    let totalBytes: Int?
    private let name: String
    private let descriptor: Int32?
    private let ownsDescriptor: Bool
    private let data: Data?
    private var offset = 0
    private var block: [UInt8] = []
    private let shouldStop: @Sendable () -> Bool
    private let lock = NSLock()
    private var read = 0

    /// Bytes read so far.
    var bytesRead: Int { lock.lock(); defer { lock.unlock() }; return read }

    /// Opens the input. A path that does not exist, cannot be opened or is a directory is a
    /// `BatchError` of kind `noInput`.
    init(_ input: BatchInput, shouldStop: @escaping @Sendable () -> Bool) throws(BatchError) {
        self.shouldStop = shouldStop
        name = input.name
        switch input {
        case .data(let data, _):
            self.data = data
            descriptor = nil
            ownsDescriptor = false
            totalBytes = data.count
        case .path(let path):
            data = nil
            let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw BatchError(kind: .noInput, message: "\(input.name): cannot open the file (\(String(cString: strerror(errno))))")
            }
            var info = stat()
            let kind = fstat(fd, &info) == 0 ? info.st_mode & S_IFMT : 0
            if kind == S_IFDIR {
                if fd != STDIN_FILENO { close(fd) }
                throw BatchError(kind: .noInput, message: "\(input.name): is a folder; give a .jsonl or .csv file")
            }
            descriptor = fd
            ownsDescriptor = fd != STDIN_FILENO
            totalBytes = kind == S_IFREG ? Int(info.st_size) : nil
        }
    }

    deinit {
        if ownsDescriptor, let descriptor { close(descriptor) }
    }

    /// Appends the next block to `buffer`. Throws a `BatchError` of kind `readError` when the
    /// input cannot be read.
    func read(appendingTo buffer: inout [UInt8]) throws(BatchError) -> Read {
        if let data {
            let n = min(InputBytes.blockSize, data.count - offset)
            guard n > 0 else { return .end }
            buffer.append(contentsOf: data[(data.startIndex + offset)..<(data.startIndex + offset + n)])
            offset += n
            count(n)
            return .bytes(n)
        }
        guard let descriptor else { return .end }
        if block.isEmpty { block = [UInt8](repeating: 0, count: InputBytes.blockSize) }
        while true {
            if totalBytes == nil {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, InputBytes.pollMilliseconds)
                if shouldStop() { return .stopped }
                if ready == 0 { return .idle }
                if ready < 0 && errno == EINTR { continue }
            }
            let n = block.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw BatchError(kind: .readError, message: "\(name): cannot read the input (\(String(cString: strerror(errno))))")
            }
            guard n > 0 else { return .end }
            buffer.append(contentsOf: block[0..<n])
            count(n)
            return .bytes(n)
        }
    }

    private func count(_ n: Int) {
        lock.lock()
        read += n
        lock.unlock()
    }
}
