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
    private var columns: [[UInt8]]
    /// Occurrences written into each column of the current line.
    private var counts: [Int]

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
        columns = Array(repeating: [], count: fields.count)
        counts = Array(repeating: 0, count: fields.count)
    }

    /// Appends the line for one frame, newline included.
    public mutating func appendLine(for dissection: Dissection, to out: inout [UInt8]) {
        for index in columns.indices {
            columns[index].removeAll(keepingCapacity: true)
            counts[index] = 0
        }
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
                if counts[column] > 0 { columns[column].append(UInt8(ascii: ",")) }
                counts[column] += 1
                TsharkText.append(occurrences[index].value, format: formats[column], to: &columns[column])
                column = nextColumn[column]
            }
        }
        for index in columns.indices {
            if index > 0 { out.append(UInt8(ascii: "\t")) }
            out.append(contentsOf: columns[index])
        }
        out.append(UInt8(ascii: "\n"))
    }
}
