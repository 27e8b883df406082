import Foundation

/// A chunk of input rows handed to a worker, numbered in input order.
struct WorkChunk: @unchecked Sendable {
    var seq: Int
    var rows: [InputRow]
}

/// A worker's output for one chunk: its rows' bytes and counts.
struct DoneChunk: Sendable {
    var seq: Int
    var bytes: [UInt8]
    var stats: Stats
}

/// Counts for the summary, per chunk and in total.
struct Stats: Sendable {
    var rows = 0, decided = 0, rejected = 0
    /// [programme * 5 + outcome]
    var outcomes: [Int]
    var awards: [Int]

    init(programmes: Int) {
        outcomes = Array(repeating: 0, count: programmes * 5)
        awards = Array(repeating: 0, count: programmes)
    }

    mutating func add(_ other: Stats) {
        rows += other.rows; decided += other.decided; rejected += other.rejected
        for i in outcomes.indices { outcomes[i] += other.outcomes[i] }
        for i in awards.indices { awards[i] &+= other.awards[i] }
    }
}

/// A blocking FIFO queue (its length is bounded by the pipeline's tickets).
final class BlockingQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element?] = []
    private var head = 0

    func put(_ item: Element?) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    /// The next item; nil is the end-of-work marker.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count { condition.wait() }
        return pop()
    }

    /// The next item, or nil after the timeout.
    func take(timeoutSeconds: Double) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        while head == items.count {
            if !condition.wait(until: deadline) { return nil }
        }
        return pop()
    }

    private func pop() -> Element? {
        let item = items[head]
        items[head] = nil
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}

/// The queues and flags between reader, workers and writer. The ticket count bounds the chunks
/// in flight (read but not yet written), whatever order workers finish in. Once `stop()` is
/// called (Ctrl-C, SIGTERM, a write failure), the reader reads no more and waits for no ticket,
/// so every thread ends.
final class Pipeline: @unchecked Sendable {
    let work = BlockingQueue<WorkChunk>()
    let done = BlockingQueue<DoneChunk>()
    private let tickets: DispatchSemaphore
    private let lock = NSLock()
    private var totalChunks: Int?
    private var firstFailure: BatchError?
    private var stopped = false

    /// The semaphore starts at zero and is given its tickets by signalling: libdispatch traps when
    /// a semaphore is freed below its starting value, which a run stopped early (a write failure)
    /// leaves it, once the last thread holding the pipeline ends.
    init(inFlight: Int) {
        tickets = DispatchSemaphore(value: 0)
        for _ in 0..<inFlight { tickets.signal() }
    }

    /// Waits for room for one more chunk; false when the run was stopped meanwhile.
    func acquireTicket() -> Bool {
        while tickets.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if isStopped { return false }
        }
        return !isStopped
    }

    func releaseTicket() { tickets.signal() }

    func finishReading(chunks: Int) { lock.lock(); totalChunks = chunks; lock.unlock() }

    func isFinished(written: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return firstFailure != nil || totalChunks.map { written >= $0 } ?? false
    }

    /// Records the run's first failure (an unreadable input, rules that do not load).
    func fail(_ error: BatchError) { lock.lock(); if firstFailure == nil { firstFailure = error }; lock.unlock() }
    var failure: BatchError? { lock.lock(); defer { lock.unlock() }; return firstFailure }

    func stop() { lock.lock(); stopped = true; lock.unlock() }
    var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
}
