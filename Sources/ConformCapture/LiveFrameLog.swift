import ConformTime

/// The frames of one live port, both directions, numbered in order of arrival or
/// transmission, in a buffer the owner trims.
///
/// Not thread-safe by itself: ``LivePort`` keeps it behind a mutex shared by its capture
/// thread and its callers. Discarded frames leave a gap at the front only; numbers never
/// restart, so a caller's "frames after N" stays meaningful across trims.
struct LiveFrameLog {
    /// Retained frames start at `storage[head]`; the slots before it were discarded.
    private var storage: [CapturedFrame] = []
    private var head = 0
    /// The number the next frame gets.
    private(set) var nextNumber = 1
    let port: String
    /// The case now running, stamped on each new frame.
    var caseID: String?

    init(port: String) { self.port = port }

    /// Frames currently retained.
    var count: Int { storage.count - head }

    /// Appends a frame under the next number and returns it.
    mutating func append(_ direction: FrameDirection, timestamp: Timestamp, bytes: [UInt8],
                         originalLength: Int) -> CapturedFrame {
        let frame = CapturedFrame(number: nextNumber, port: port, direction: direction, timestamp: timestamp,
                                  bytes: bytes, originalLength: originalLength, caseID: caseID)
        nextNumber += 1
        storage.append(frame)
        return frame
    }

    /// Retained frames whose number is greater than `number`, in order; any `Int` is accepted.
    func frames(after number: Int) -> [CapturedFrame] {
        let firstRetained = nextNumber - count
        guard number < nextNumber - 1 else { return [] }
        let skip = number < firstRetained ? 0 : number - firstRetained + 1
        return Array(storage[(head + skip)...])
    }

    /// Drops every retained frame numbered `number` or lower; any `Int` is accepted.
    mutating func discard(through number: Int) {
        let firstRetained = nextNumber - count
        guard number >= firstRetained else { return }
        head += number >= nextNumber - 1 ? count : number - firstRetained + 1
        // Compact once the dead prefix outweighs the live frames: amortised O(1) per frame.
        if head > storage.count / 2 {
            storage.removeFirst(head)
            head = 0
        }
    }
}
