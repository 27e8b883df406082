/// Appends JSON text to a byte buffer.
enum JSONBytes {
    /// Appends `value` in decimal.
    static func integer(_ value: Int, into out: inout [UInt8]) {
        if value == 0 { out.append(0x30); return }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            }
            if value < 0 { out.append(0x2D) }
            for i in stride(from: n - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// Appends `value` as a JSON string, escaping quotes, backslashes and control characters.
    static func string(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Most strings (ids, outcomes, paths) need no escape: copied in one step.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: value.utf8)
            out.append(0x22)
            return
        }
        for b in value.utf8 {
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }

    /// Appends `values` as a JSON array of strings.
    static func strings(_ values: [String], into out: inout [UInt8]) {
        out.append(0x5B)
        for (i, s) in values.enumerated() {
            if i > 0 { out.append(0x2C) }
            string(s, into: &out)
        }
        out.append(0x5D)
    }
}
