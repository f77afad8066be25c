/// A JSON value with object keys kept in the order they were written, so that the
/// tools' `--json` output is stable and diffable.
public enum JSON: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// An unsigned integer too large for `Int` (64-bit counters); see ``number(_:)``.
    case unsigned(UInt64)
    /// A number with a fraction; non-finite values are written as `null`.
    case double(Double)
    /// A string, escaped as RFC 8259 requires.
    case string(String)
    /// An array.
    case array([JSON])
    /// An object whose members keep their order.
    case object([(String, JSON)])

    /// Two values are equal when they serialise to the same text.
    public static func == (a: JSON, b: JSON) -> Bool { a.serialized == b.serialized }

    /// Compact JSON text (no spaces, no trailing newline).
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the compact text of this value to `out`.
    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .unsigned(u): out += String(u)
        case let .double(d): out += d.isFinite ? String(d) : "null"
        case let .string(s): JSON.writeString(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Writes `s` as a JSON string literal, escaping what RFC 8259 requires.
    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSON {
    /// `.string(s)` or `.null` when `s` is nil.
    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    /// `.int(i)` or `.null` when `i` is nil.
    public static func optional<I: BinaryInteger>(_ i: I?) -> JSON {
        guard let i else { return .null }
        return number(i)
    }
    /// Any integer: `.int` when it fits, `.unsigned` otherwise.
    public static func number(_ value: some BinaryInteger) -> JSON {
        if let i = Int(exactly: value) { return .int(i) }
        return .unsigned(UInt64(truncatingIfNeeded: value))
    }
    /// An array of the descriptions of `values`.
    public static func strings(_ values: [some CustomStringConvertible]) -> JSON { .array(values.map { .string($0.description) }) }
}
