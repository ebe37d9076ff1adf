extension Dissection {
    /// Appends the full decode as one JSON object: the layer stack, every field occurrence
    /// in frame order (name, value as tshark prints it, offset and length in bytes), and
    /// every expert item. Keys are in a fixed order, so equal dissections give equal text.
    ///
    /// ```json
    /// {"layers":["eth","ethertype","ipv6"],
    ///  "fields":[{"name":"eth.dst","value":"33:33:00:00:00:01","offset":0,"length":6}, …],
    ///  "expert":[{"name":"_ws.malformed","group":"malformed","severity":"error","message":"…","offset":54}]}
    /// ```
    public func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"layers":["#.utf8)
        for (index, layer) in layers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.appendJSONString(layer.utf8, to: &out)
        }
        out.append(contentsOf: #"],"fields":["#.utf8)
        var text: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"name":"#.utf8)
            Self.appendJSONString(field.abbrev.utf8, to: &out)
            out.append(contentsOf: #","value":"#.utf8)
            text.removeAll(keepingCapacity: true)
            let descriptor = FieldRegistry.descriptor(for: field.abbrev) ?? FieldDescriptor(field.abbrev, field.abbrev, .bytes)
            TsharkText.append(field.value, for: descriptor, to: &text)
            Self.appendJSONString(text, to: &out)
            out.append(contentsOf: #","offset":"#.utf8)
            TsharkText.appendDecimal(UInt64(max(0, field.offset)), to: &out)
            out.append(contentsOf: #","length":"#.utf8)
            TsharkText.appendDecimal(UInt64(max(0, field.length)), to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"expert":["#.utf8)
        for (index, item) in expert.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"name":"#.utf8)
            Self.appendJSONString(item.abbrev.utf8, to: &out)
            out.append(contentsOf: #","group":"#.utf8)
            Self.appendJSONString(item.group.rawValue.utf8, to: &out)
            out.append(contentsOf: #","severity":"#.utf8)
            Self.appendJSONString(item.severity.rawValue.utf8, to: &out)
            out.append(contentsOf: #","message":"#.utf8)
            Self.appendJSONString(item.message.utf8, to: &out)
            out.append(contentsOf: #","offset":"#.utf8)
            TsharkText.appendDecimal(UInt64(max(0, item.offset)), to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    static func appendJSONString<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xf)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
