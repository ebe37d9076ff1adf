/// Formats dissections as tshark's `-T fields` output: one line per frame, one
/// tab-separated column per requested field, every occurrence of a field in frame order
/// joined by commas (tshark's defaults `-E separator=/t -E occurrence=a -E aggregator=,`).
///
/// The formatter keeps its column buffers between frames and finds an occurrence's columns
/// by its descriptor's serial number, so a long capture is formatted without hashing a
/// field name or allocating per frame.
public struct TsharkFieldsFormatter {
    public let fields: [FieldDescriptor]
    /// Indexed by descriptor serial: an index into `columnLists`, or -1 for a field not asked for.
    private let columnListBySerial: [Int]
    /// For each requested abbrev, the columns that show it (a field may be asked for twice).
    private let columnLists: [[Int]]
    /// The same lists by abbrev, for occurrences made without a registered descriptor.
    private let columnListByAbbrev: [String: Int]
    /// How each column formats its values.
    private let formats: [TsharkText.Format]
    private var columns: [[UInt8]]
    /// Occurrences written into each column of the current line.
    private var counts: [Int]

    public init(fields: [FieldDescriptor]) {
        self.fields = fields
        var lists: [[Int]] = []
        var byAbbrev: [String: Int] = [:]
        for (column, field) in fields.enumerated() {
            if let list = byAbbrev[field.abbrev] {
                lists[list].append(column)
            } else {
                byAbbrev[field.abbrev] = lists.count
                lists.append([column])
            }
        }
        // Every registered descriptor with a requested abbrev, whichever instance it is.
        let known = FieldRegistry.all + fields
        var bySerial = Array(repeating: -1, count: (known.map(\.serial).max() ?? -1) + 1)
        for descriptor in known {
            if let list = byAbbrev[descriptor.abbrev] { bySerial[descriptor.serial] = list }
        }
        columnListBySerial = bySerial
        columnLists = lists
        columnListByAbbrev = byAbbrev
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
            let list: Int
            if serial >= 0, serial < columnListBySerial.count {
                list = columnListBySerial[serial]
            } else {
                list = columnListByAbbrev[occurrences[index].abbrev] ?? -1
            }
            guard list >= 0 else { continue }
            for column in columnLists[list] {
                if counts[column] > 0 { columns[column].append(UInt8(ascii: ",")) }
                counts[column] += 1
                TsharkText.append(occurrences[index].value, format: formats[column], to: &columns[column])
            }
        }
        for index in columns.indices {
            if index > 0 { out.append(UInt8(ascii: "\t")) }
            out.append(contentsOf: columns[index])
        }
        out.append(UInt8(ascii: "\n"))
    }
}
