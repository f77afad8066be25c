// Bounds-checked reads from a byte slice. Offsets are relative to the slice's start
// (slices keep their base's indices, which is a classic source of over-reads).

extension ArraySlice where Element == UInt8 {
    /// A native-endian integer at `offset`, or nil when it would read past the end.
    @inlinable
    func native<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T? {
        guard offset >= 0, offset <= count - MemoryLayout<T>.size else { return nil }
        return withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// A big-endian integer at `offset`, or nil when it would read past the end.
    @inlinable
    func bigEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T? {
        native(T.self, at: offset).map { T(bigEndian: $0) }
    }

    /// The `length` bytes at `offset`, or nil when they are not all there.
    @inlinable
    func bytes(at offset: Int, count length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        let start = startIndex + offset
        return self[start..<(start + length)]
    }

    /// The bytes from `offset` to the end, or nil when `offset` is past the end.
    @inlinable
    func bytes(from offset: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, offset <= count else { return nil }
        return self[(startIndex + offset)...]
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` in native byte order (netlink's headers and most attributes).
    @inlinable
    mutating func appendNative<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value) { append(contentsOf: $0) }
    }

    /// Appends `value` in network byte order (ports, IPv4 masks).
    @inlinable
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Overwrites a native-endian value at an absolute index (length back-patching).
    @inlinable
    mutating func storeNative<T: FixedWidthInteger>(_ value: T, at index: Int) {
        Swift.withUnsafeBytes(of: value) { raw in
            for (i, byte) in raw.enumerated() { self[index + i] = byte }
        }
    }
}

/// Netlink aligns every message and attribute to 4 bytes.
@inlinable
func netlinkAlign(_ length: Int) -> Int { (length + 3) & ~3 }
