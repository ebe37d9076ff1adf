/// A min-heap of scheduled events ordered by deadline, then by insertion order.
///
/// Shared by both clocks, so virtual and real time run events in the same order.
struct EventQueue {
    struct Entry {
        let deadline: Int64
        let order: UInt64
        let action: () -> Void

        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : order < other.order
        }
    }

    private var heap: [Entry] = []
    private var cancelled: Set<UInt64> = []
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func removeAll() {
        heap.removeAll()
        cancelled.removeAll()
    }

    mutating func insert(deadline: Int64, action: @escaping () -> Void) -> ScheduledEventID {
        let entry = Entry(deadline: deadline, order: nextOrder, action: action)
        nextOrder += 1
        heap.append(entry)
        siftUp(heap.count - 1)
        return ScheduledEventID(rawValue: entry.order)
    }

    mutating func cancel(_ id: ScheduledEventID) {
        if heap.contains(where: { $0.order == id.rawValue }) { cancelled.insert(id.rawValue) }
    }

    /// The deadline of the earliest live event.
    mutating func nextDeadline() -> Int64? {
        dropCancelledHead()
        return heap.first?.deadline
    }

    /// Removes and returns the earliest live event if it is due at or before `limit`.
    mutating func popDue(notAfter limit: Int64) -> Entry? {
        dropCancelledHead()
        guard let first = heap.first, first.deadline <= limit else { return nil }
        return removeFirst()
    }

    private mutating func dropCancelledHead() {
        while let first = heap.first, cancelled.contains(first.order) {
            cancelled.remove(first.order)
            _ = removeFirst()
        }
    }

    private mutating func removeFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            if first == parent { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
