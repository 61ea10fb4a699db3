import CXlsxWriter

/// An RGB colour, written `0x1F4E79` (an integer literal) or `Color(rgb:)`.
public struct Color: Hashable, Sendable, ExpressibleByIntegerLiteral {
    /// `0xRRGGBB`.
    public var rgb: UInt32

    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }
    public init(integerLiteral value: UInt32) { self.init(rgb: value) }

    public static let black: Color = 0x000000
    public static let white: Color = 0xFFFFFF
    public static let red: Color = 0xFF0000
    public static let gray: Color = 0x808080

    /// libxlsxwriter reads 0 as "unset", and wants black as `LXW_COLOR_BLACK`.
    var c: lxw_color_t { rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : rgb }
}

/// Horizontal alignment of a cell's content.
public enum HorizontalAlignment: Hashable, Sendable {
    case left, center, right, fill, justify, centerAcross, distributed

    var c: UInt8 {
        switch self {
        case .left: UInt8(LXW_ALIGN_LEFT.rawValue)
        case .center: UInt8(LXW_ALIGN_CENTER.rawValue)
        case .right: UInt8(LXW_ALIGN_RIGHT.rawValue)
        case .fill: UInt8(LXW_ALIGN_FILL.rawValue)
        case .justify: UInt8(LXW_ALIGN_JUSTIFY.rawValue)
        case .centerAcross: UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue)
        case .distributed: UInt8(LXW_ALIGN_DISTRIBUTED.rawValue)
        }
    }
}

/// Vertical alignment of a cell's content.
public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom, justify, distributed

    var c: UInt8 {
        switch self {
        case .top: UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        case .center: UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)
        case .bottom: UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue)
        case .justify: UInt8(LXW_ALIGN_VERTICAL_JUSTIFY.rawValue)
        case .distributed: UInt8(LXW_ALIGN_VERTICAL_DISTRIBUTED.rawValue)
        }
    }
}

/// The line style of a cell border.
public enum BorderStyle: Hashable, Sendable {
    case thin, medium, dashed, dotted, thick, double, hair

    var c: UInt8 {
        switch self {
        case .thin: UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .dashed: UInt8(LXW_BORDER_DASHED.rawValue)
        case .dotted: UInt8(LXW_BORDER_DOTTED.rawValue)
        case .thick: UInt8(LXW_BORDER_THICK.rawValue)
        case .double: UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .hair: UInt8(LXW_BORDER_HAIR.rawValue)
        }
    }
}

/// How a cell looks: a plain, hashable value built by chaining.
///
/// ```swift
/// let money = Format().numberFormat("#,##0.00")
/// let header = Format().bold().backgroundColor(0xDDEBF7).bottomBorder(.thin)
/// ```
///
/// A `Format` is only a description. A workbook turns each distinct one into a
/// single libxlsxwriter format with ``Workbook/register(_:)``, which returns the
/// small ``CellFormat`` handle that cell writes take.
public struct Format: Hashable, Sendable {
    /// The settings of a format; `nil` and `false` mean Excel's default.
    public struct Attributes: Hashable, Sendable {
        public var bold = false
        public var italic = false
        public var underline = false
        public var fontName: String?
        public var fontSize: Double?
        public var fontColor: Color?
        public var backgroundColor: Color?
        public var numberFormat: String?
        public var horizontalAlignment: HorizontalAlignment?
        public var verticalAlignment: VerticalAlignment?
        public var textWrap = false
        public var border: BorderStyle?
        public var bottomBorder: BorderStyle?
        public var borderColor: Color?
        public var indent = 0
    }

    /// What this format sets.
    public private(set) var attributes = Attributes()

    public init() {}

    private func with(_ change: (inout Attributes) -> Void) -> Format {
        var copy = self
        change(&copy.attributes)
        return copy
    }

    public func bold(_ on: Bool = true) -> Format { with { $0.bold = on } }
    public func italic(_ on: Bool = true) -> Format { with { $0.italic = on } }
    public func underline(_ on: Bool = true) -> Format { with { $0.underline = on } }
    /// Font family, such as `"Calibri"` (at most 127 bytes).
    public func fontName(_ name: String) -> Format { with { $0.fontName = name } }
    /// Font size in points, 1...409.
    public func fontSize(_ points: Double) -> Format { with { $0.fontSize = points } }
    public func fontColor(_ color: Color) -> Format { with { $0.fontColor = color } }
    /// A solid fill of this colour.
    public func backgroundColor(_ color: Color) -> Format { with { $0.backgroundColor = color } }
    /// An Excel number format such as `"#,##0.00"`, `"0.0%"` or `"yyyy-mm-dd"` (at most 127 bytes).
    public func numberFormat(_ pattern: String) -> Format { with { $0.numberFormat = pattern } }
    public func align(_ alignment: HorizontalAlignment) -> Format { with { $0.horizontalAlignment = alignment } }
    public func verticalAlign(_ alignment: VerticalAlignment) -> Format { with { $0.verticalAlignment = alignment } }
    public func textWrap(_ on: Bool = true) -> Format { with { $0.textWrap = on } }
    /// The same border on all four sides.
    public func border(_ style: BorderStyle) -> Format { with { $0.border = style } }
    /// A border under the cell only (overrides ``border(_:)`` for that side).
    public func bottomBorder(_ style: BorderStyle) -> Format { with { $0.bottomBorder = style } }
    public func borderColor(_ color: Color) -> Format { with { $0.borderColor = color } }
    /// Indentation level, 0...15.
    public func indent(_ level: Int) -> Format { with { $0.indent = level } }
}

extension Format {
    /// Checks the values libxlsxwriter would silently truncate or ignore.
    func validate() throws(XlsxError) {
        let a = attributes
        let op = "Format"
        if let n = a.numberFormat {
            if n.utf8.count >= Int(LXW_FORMAT_FIELD_LEN) {
                throw .invalidArgument(operation: op, detail: "number format '\(n)' is longer than 127 bytes")
            }
            if n.utf8.contains(0) { throw .invalidArgument(operation: op, detail: "number format contains NUL") }
        }
        if let f = a.fontName {
            if f.isEmpty || f.utf8.count >= Int(LXW_FORMAT_FIELD_LEN) || f.utf8.contains(0) {
                throw .invalidArgument(operation: op, detail: "font name '\(f)' must be 1...127 bytes without NUL")
            }
        }
        if let s = a.fontSize, !(s >= 1 && s <= 409) {
            throw .invalidArgument(operation: op, detail: "font size \(s) is outside 1...409 points")
        }
        if !(0...15).contains(a.indent) {
            throw .invalidArgument(operation: op, detail: "indent \(a.indent) is outside 0...15")
        }
    }

    /// Sets every attribute on a fresh libxlsxwriter format.
    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        let a = attributes
        if a.bold { format_set_bold(f) }
        if a.italic { format_set_italic(f) }
        if a.underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let name = a.fontName { format_set_font_name(f, name) }
        if let size = a.fontSize { format_set_font_size(f, size) }
        if let color = a.fontColor { format_set_font_color(f, color.c) }
        if let color = a.backgroundColor {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, color.c)
        }
        if let pattern = a.numberFormat { format_set_num_format(f, pattern) }
        if let h = a.horizontalAlignment { format_set_align(f, h.c) }
        if let v = a.verticalAlignment { format_set_align(f, v.c) }
        if a.textWrap { format_set_text_wrap(f) }
        if let b = a.border { format_set_border(f, b.c) }
        if let b = a.bottomBorder { format_set_bottom(f, b.c) }
        if let color = a.borderColor { format_set_border_color(f, color.c) }
        if a.indent > 0 { format_set_indent(f, UInt8(a.indent)) }
    }
}

/// A format registered with one workbook: the cheap handle cell writes take.
///
/// Obtain it once with ``Workbook/register(_:)`` and reuse it for every cell;
/// a write then costs no hashing or lookup. Using it with another workbook's
/// sheet throws ``XlsxError/foreignObject(operation:)``.
public struct CellFormat {
    let pointer: UnsafeMutablePointer<lxw_format>
    let workbookID: UInt64
}
