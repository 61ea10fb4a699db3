import CExpat

/// What an ``XlsxXMLParser`` reports: the start and end of elements (by their
/// local name, the namespace prefix dropped) and the text between them.
///
/// Names and attributes are C strings valid only during the call.
protocol XlsxXMLHandler: AnyObject {
    func start(_ name: UnsafePointer<CChar>, _ attributes: XlsxAttributes)
    func end(_ name: UnsafePointer<CChar>)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// The attributes of a start tag, looked up by local name.
struct XlsxAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// The value of the attribute whose local name is `name` (no prefix).
    subscript(_ name: StaticString) -> UnsafePointer<CChar>? {
        guard let pairs else { return nil }
        var i = 0
        while let key = pairs[i] {
            if XlsxXMLParser.localName(key).isEqual(to: name) { return pairs[i + 1] }
            i += 2
        }
        return nil
    }

    /// The value as a Swift string.
    func string(_ name: StaticString) -> String? {
        self[name].map { String(cString: $0) }
    }
}

extension UnsafePointer<CChar> {
    /// Whether this C string equals `other` byte for byte.
    @inline(__always)
    func isEqual(to other: StaticString) -> Bool {
        other.withUTF8Buffer { bytes in
            var i = 0
            while i < bytes.count {
                if UInt8(bitPattern: self[i]) != bytes[i] { return false }
                i += 1
            }
            return self[i] == 0
        }
    }
}

/// An event-driven XML parser over expat, fed the bytes of one workbook part
/// as they are decompressed: the part is never held whole.
///
/// A document type declaration (which OOXML parts never have) is refused,
/// so no entity can expand; expat's own limits guard the rest.
final class XlsxXMLParser {
    private let parser: XML_Parser
    private unowned let handler: any XlsxXMLHandler
    /// Why parsing stopped early, when a handler or the declaration check stopped it.
    private(set) var stopReason: String?
    /// Set by ``stop()``: the handler has what it needs.
    private(set) var isDone = false

    init(handler: any XlsxXMLHandler) {
        self.handler = handler
        parser = XML_ParserCreate(nil)
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { data, name, attributes in
            let me = XlsxXMLParser.from(data)
            me.handler.start(XlsxXMLParser.localName(name!), XlsxAttributes(pairs: attributes))
        }, { data, name in
            let me = XlsxXMLParser.from(data)
            me.handler.end(XlsxXMLParser.localName(name!))
        })
        XML_SetCharacterDataHandler(parser, { data, text, length in
            guard let text, length > 0 else { return }
            let me = XlsxXMLParser.from(data)
            text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                me.handler.text(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
        })
        XML_SetStartDoctypeDeclHandler(parser, { data, _, _, _, _ in
            let me = XlsxXMLParser.from(data)
            me.stopReason = "it declares a document type, which workbook parts never do"
            XML_StopParser(me.parser, XML_FALSE)
        })
    }

    deinit { XML_ParserFree(parser) }

    private static func from(_ data: UnsafeMutableRawPointer?) -> XlsxXMLParser {
        Unmanaged<XlsxXMLParser>.fromOpaque(data!).takeUnretainedValue()
    }

    /// The name after its namespace prefix, if any (`x:row` → `row`).
    static func localName(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
        var p = name
        var local = name
        while p.pointee != 0 {
            if p.pointee == 0x3A { local = p + 1 }
            p += 1
        }
        return local
    }

    /// Stops parsing: the handler has read what it needs. Later bytes are ignored.
    func stop() {
        guard !isDone else { return }
        isDone = true
        XML_StopParser(parser, XML_FALSE)
    }

    /// Parses the next bytes of the part; `last` for the end of the part.
    /// Throws the parser's error, with the line it is on.
    func feed(_ bytes: UnsafeRawBufferPointer, last: Bool = false) throws(XlsxProblem) {
        if isDone { return }
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var offset = 0
        // expat takes an Int32 length: feed large buffers in pieces.
        repeat {
            let length = min(bytes.count - offset, 1 << 30)
            let isLast = last && offset + length == bytes.count
            let status = XML_Parse(parser, base.map { $0 + offset }, Int32(length), isLast ? 1 : 0)
            if status == XML_STATUS_ERROR {
                if isDone { return }
                if let stopReason { throw XlsxProblem(stopReason) }
                let code = XML_GetErrorCode(parser)
                let message = XML_ErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
                throw XlsxProblem("the XML is damaged at line \(XML_GetCurrentLineNumber(parser)): \(message)")
            }
            offset += length
        } while offset < bytes.count
    }
}
