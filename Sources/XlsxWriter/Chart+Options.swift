import CXlsxWriter

/// Where a series' value labels sit.
public enum LabelPosition: Hashable, Sendable {
    case center, insideEnd, insideBase, outsideEnd

    var c: UInt8 {
        switch self {
        case .center: UInt8(LXW_CHART_LABEL_POSITION_CENTER.rawValue)
        case .insideEnd: UInt8(LXW_CHART_LABEL_POSITION_INSIDE_END.rawValue)
        case .insideBase: UInt8(LXW_CHART_LABEL_POSITION_INSIDE_BASE.rawValue)
        case .outsideEnd: UInt8(LXW_CHART_LABEL_POSITION_OUTSIDE_END.rawValue)
        }
    }
}

/// One series of a ``Chart``, as returned by ``Chart/addSeries(name:categories:values:color:)``.
public final class ChartSeries {
    let core: WorkbookCore
    let pointer: UnsafeMutablePointer<lxw_chart_series>

    init(core: WorkbookCore, pointer: UnsafeMutablePointer<lxw_chart_series>) {
        self.core = core
        self.pointer = pointer
    }

    /// Shows each point's value as a label, in `numberFormat` (a cell number
    /// format code such as `#,##0.0,,,"bn"`; nil: the cells' own), at `position`
    /// (nil: the chart type's default), in `fontSize` points (nil: the default).
    public func showValues(numberFormat: String? = nil, position: LabelPosition? = nil, fontSize: Double? = nil,
                           color: Color? = nil) throws(XlsxError) {
        let op = "ChartSeries.showValues"
        _ = try core.requireOpen(op)
        if let numberFormat, numberFormat.isEmpty || numberFormat.utf8.contains(0) {
            throw .invalidArgument(operation: op, detail: "the number format is empty or contains NUL")
        }
        if let fontSize, !(1...409).contains(fontSize) {
            throw .invalidArgument(operation: op, detail: "font size \(fontSize) is outside 1...409")
        }
        chart_series_set_labels(pointer)
        if let numberFormat { chart_series_set_labels_num_format(pointer, numberFormat) }
        if let position { chart_series_set_labels_position(pointer, position.c) }
        if fontSize != nil || color != nil {
            var font = lxw_chart_font()
            if let fontSize { font.size = fontSize }
            if let color { font.color = color.c }
            chart_series_set_labels_font(pointer, &font)
        }
    }
}

extension Chart {
    private var valueAxis: UnsafeMutablePointer<lxw_chart_axis> {
        (type == .bar || type == .barStacked) ? pointer.pointee.x_axis : pointer.pointee.y_axis
    }

    private var categoryAxis: UnsafeMutablePointer<lxw_chart_axis> {
        (type == .bar || type == .barStacked) ? pointer.pointee.y_axis : pointer.pointee.x_axis
    }

    /// Fixes the value axis' lowest value (otherwise the reader chooses one,
    /// which need not be zero).
    public func setValueAxisMin(_ value: Double) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setValueAxisMin")
        guard value.isFinite else { throw .invalidArgument(operation: "Chart.setValueAxisMin", detail: "\(value) is not finite") }
        chart_axis_set_min(valueAxis, value)
    }

    /// Lists the categories in the reverse order: on a bar chart the first
    /// category is then at the top. The value axis stays at the bottom.
    public func reverseCategories() throws(XlsxError) {
        _ = try core.requireOpen("Chart.reverseCategories")
        chart_axis_set_reverse(categoryAxis)
        chart_axis_set_crossing_max(categoryAxis)
    }

    /// The gap between bars or columns, in percent of a bar's width (0...500).
    public func setGap(_ percent: Int) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setGap")
        guard (0...500).contains(percent) else {
            throw .invalidArgument(operation: "Chart.setGap", detail: "gap \(percent) is outside 0...500")
        }
        chart_set_series_gap(pointer, UInt16(percent))
    }
}
