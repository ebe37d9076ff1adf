/// Formats dissections as tshark's `-T fields` output: one line per frame, one
/// tab-separated column per requested field, every occurrence of a field in frame order
/// joined by commas (tshark's defaults `-E separator=/t -E occurrence=a -E aggregator=,`).
///
/// The formatter keeps its column buffers between frames, so a long capture is formatted
/// without allocating per frame.
public struct TsharkFieldsFormatter {
    public let fields: [FieldDescriptor]
    /// For each requested abbrev, the columns that show it (a field may be asked for twice).
    private let columnsByAbbrev: [String: [Int]]
    private var columns: [[UInt8]]
    /// Occurrences written into each column of the current line.
    private var counts: [Int]

    public init(fields: [FieldDescriptor]) {
        self.fields = fields
        var table: [String: [Int]] = [:]
        for (index, field) in fields.enumerated() { table[field.abbrev, default: []].append(index) }
        columnsByAbbrev = table
        columns = Array(repeating: [], count: fields.count)
        counts = Array(repeating: 0, count: fields.count)
    }

    /// Appends the line for one frame, newline included.
    public mutating func appendLine(for dissection: Dissection, to out: inout [UInt8]) {
        for index in columns.indices {
            columns[index].removeAll(keepingCapacity: true)
            counts[index] = 0
        }
        for occurrence in dissection.fields {
            guard let targets = columnsByAbbrev[occurrence.abbrev] else { continue }
            for column in targets {
                if counts[column] > 0 { columns[column].append(UInt8(ascii: ",")) }
                counts[column] += 1
                TsharkText.append(occurrence.value, for: fields[column], to: &columns[column])
            }
        }
        for index in columns.indices {
            if index > 0 { out.append(UInt8(ascii: "\t")) }
            out.append(contentsOf: columns[index])
        }
        out.append(UInt8(ascii: "\n"))
    }
}
