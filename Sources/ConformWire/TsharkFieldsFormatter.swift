/// Formats dissections as tshark's `-T fields` output: one line per frame, one
/// tab-separated column per requested field, every occurrence of a field in frame order
/// joined by commas (tshark's defaults `-E separator=/t -E occurrence=a -E aggregator=,`).
///
/// The formatter keeps its column buffers between frames and finds an occurrence's columns
/// by its descriptor's serial number, so a long capture is formatted without hashing a
/// field name or allocating per frame.
public struct TsharkFieldsFormatter {
    public let fields: [FieldDescriptor]
    /// Indexed by descriptor serial: the first column showing the field, or -1 when not asked for.
    private let firstColumnBySerial: [Int]
    /// For each column, the next column showing the same field (a field may be asked for
    /// twice), or -1.
    private let nextColumn: [Int]
    /// First columns by abbrev, for occurrences made without a registered descriptor.
    private let firstColumnByAbbrev: [String: Int]
    /// How each column formats its values.
    private let formats: [TsharkText.Format]
    // Scratch state of the current line, kept between frames. Values are formatted in
    // frame order into one buffer, as segments; the line then takes them column by column
    // (a counting sort), so no per-column buffer is needed.
    private var text: [UInt8] = []
    /// One formatted value: its column and its bytes in `text`.
    private struct Segment {
        let column: Int
        let start: Int
        let end: Int
    }
    private var segments: [Segment] = []
    /// Segments in column order.
    private var order: [Int] = []
    /// Per column: its number of segments, then (while sorting) the next free place in `order`.
    private var counts: [Int]
    private var places: [Int]

    public init(fields: [FieldDescriptor]) {
        self.fields = fields
        var firstByAbbrev: [String: Int] = [:]
        var lastByAbbrev: [String: Int] = [:]
        var next = Array(repeating: -1, count: fields.count)
        for (column, field) in fields.enumerated() {
            if let last = lastByAbbrev[field.abbrev] { next[last] = column } else { firstByAbbrev[field.abbrev] = column }
            lastByAbbrev[field.abbrev] = column
        }
        // Every registered descriptor with a requested abbrev, whichever instance it is.
        let known = FieldRegistry.all + fields
        var bySerial = Array(repeating: -1, count: (known.map(\.serial).max() ?? -1) + 1)
        for descriptor in known {
            if let first = firstByAbbrev[descriptor.abbrev] { bySerial[descriptor.serial] = first }
        }
        firstColumnBySerial = bySerial
        nextColumn = next
        firstColumnByAbbrev = firstByAbbrev
        formats = fields.map(TsharkText.Format.init)
        counts = Array(repeating: 0, count: fields.count)
        places = Array(repeating: 0, count: fields.count)
    }

    /// Appends the line for one frame, newline included.
    public mutating func appendLine(for dissection: Dissection, to out: inout [UInt8]) {
        text.removeAll(keepingCapacity: true)
        segments.removeAll(keepingCapacity: true)
        for column in counts.indices { counts[column] = 0 }
        let occurrences = dissection.fields
        // By index, reading the serial first: fields not asked for are never copied.
        for index in occurrences.indices {
            let serial = occurrences[index].descriptorSerial
            var column: Int
            if serial >= 0, serial < firstColumnBySerial.count {
                column = firstColumnBySerial[serial]
            } else {
                column = firstColumnByAbbrev[occurrences[index].abbrev] ?? -1
            }
            while column >= 0 {
                let start = text.count
                TsharkText.append(occurrences[index].value, format: formats[column], to: &text)
                segments.append(Segment(column: column, start: start, end: text.count))
                counts[column] += 1
                column = nextColumn[column]
            }
        }
        var running = 0
        for column in counts.indices {
            places[column] = running
            running += counts[column]
        }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(0, count: running))
        for segment in segments.indices {
            let column = segments[segment].column
            order[places[column]] = segment
            places[column] += 1
        }
        // The line's length is known: grow the output once and copy the pieces in place.
        var separators = max(1, counts.count)
        for column in counts.indices where counts[column] > 1 { separators += counts[column] - 1 }
        let lineStart = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: text.count + separators))
        out.withUnsafeMutableBufferPointer { line in
            text.withUnsafeBufferPointer { text in
                var cursor = lineStart, next = 0
                for column in counts.indices {
                    if column > 0 { cursor += 1 }
                    for occurrence in 0..<counts[column] {
                        if occurrence > 0 {
                            line[cursor] = UInt8(ascii: ",")
                            cursor += 1
                        }
                        let segment = segments[order[next]]
                        let length = segment.end - segment.start
                        if length > 0 {
                            (line.baseAddress! + cursor).update(from: text.baseAddress! + segment.start, count: length)
                        }
                        cursor += length
                        next += 1
                    }
                }
                line[cursor] = UInt8(ascii: "\n")
            }
        }
    }
}
