import CXlsxWriter

/// The kinds of native Excel chart the wrapper offers.
public enum ChartType: Hashable, Sendable {
    case column, columnStacked, bar, barStacked, line, pie, doughnut, area

    var c: UInt8 {
        switch self {
        case .column: UInt8(LXW_CHART_COLUMN.rawValue)
        case .columnStacked: UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
        case .bar: UInt8(LXW_CHART_BAR.rawValue)
        case .barStacked: UInt8(LXW_CHART_BAR_STACKED.rawValue)
        case .line: UInt8(LXW_CHART_LINE.rawValue)
        case .pie: UInt8(LXW_CHART_PIE.rawValue)
        case .doughnut: UInt8(LXW_CHART_DOUGHNUT.rawValue)
        case .area: UInt8(LXW_CHART_AREA.rawValue)
        }
    }
}

/// Where a chart shows its legend.
public enum LegendPosition: Hashable, Sendable {
    case none, top, bottom, left, right

    var c: UInt8 {
        switch self {
        case .none: UInt8(LXW_CHART_LEGEND_NONE.rawValue)
        case .top: UInt8(LXW_CHART_LEGEND_TOP.rawValue)
        case .bottom: UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
        case .left: UInt8(LXW_CHART_LEGEND_LEFT.rawValue)
        case .right: UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
        }
    }
}

/// A native Excel chart whose series read cell ranges of the workbook's sheets.
///
/// ```swift
/// let chart = try book.addChart(.bar)
/// try chart.addSeries(name: "Total (EUR)",
///                     categories: CellRange(sheet: "Summary", col: 0, firstRow: 1, lastRow: 12),
///                     values: CellRange(sheet: "Summary", col: 3, firstRow: 1, lastRow: 12))
/// try chart.setTitle("Totals by domain")
/// try chart.setLegend(.none)
/// try summary.insertChart(chart, row: 1, col: 8, width: 720, height: 432)
/// ```
///
/// Axis names follow libxlsxwriter: x is the horizontal axis, so on a `.bar`
/// chart x carries the values and y the categories.
public final class Chart {
    public let type: ChartType
    let core: WorkbookCore
    let pointer: UnsafeMutablePointer<lxw_chart>
    var seriesCount = 0
    var inserted = false

    init(core: WorkbookCore, pointer: UnsafeMutablePointer<lxw_chart>, type: ChartType) {
        self.core = core
        self.pointer = pointer
        self.type = type
    }

    /// Adds a series plotting `values` against `categories` (both usually one
    /// column or row). Ranges are written as absolute references with the
    /// sheet name quoted as needed (`='Pledge data'!$D$2:$D$13`); the sheet
    /// need not exist yet. `color` fills the bars, columns or area. The
    /// returned series takes further options (``ChartSeries/showValues(numberFormat:position:fontSize:color:)``).
    @discardableResult
    public func addSeries(name: String? = nil, categories: CellRange? = nil, values: CellRange,
                          color: Color? = nil) throws(XlsxError) -> ChartSeries {
        let op = "Chart.addSeries"
        _ = try core.requireOpen(op)
        for range in [categories, values].compactMap({ $0 }) {
            if !range.isValid { throw .invalidArgument(operation: op, detail: "invalid range \(range)") }
            if range.sheet.isEmpty || range.sheet.utf8.contains(0) {
                throw .invalidArgument(operation: op, detail: "invalid sheet name '\(range.sheet)'")
            }
        }
        if let name, name.utf8.contains(0) { throw .invalidArgument(operation: op, detail: "series name contains NUL") }
        let series: UnsafeMutablePointer<lxw_chart_series>? = values.formula.withCString { v in
            if let categories {
                return categories.formula.withCString { c in chart_add_series(pointer, c, v) }
            }
            return chart_add_series(pointer, nil, v)
        }
        guard let series else {
            throw .library(operation: op, code: -1, message: "libxlsxwriter could not add the series")
        }
        if let name { chart_series_set_name(series, name) }
        if let color {
            var fill = lxw_chart_fill()
            fill.color = color.c
            chart_series_set_fill(series, &fill)
        }
        seriesCount += 1
        return ChartSeries(core: core, pointer: series)
    }

    /// The chart's title.
    public func setTitle(_ title: String) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setTitle")
        try checkText(title, "Chart.setTitle")
        chart_title_set_name(pointer, title)
    }

    /// The title of the horizontal axis.
    public func setXAxisTitle(_ title: String) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setXAxisTitle")
        try checkText(title, "Chart.setXAxisTitle")
        chart_axis_set_name(pointer.pointee.x_axis, title)
    }

    /// The title of the vertical axis.
    public func setYAxisTitle(_ title: String) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setYAxisTitle")
        try checkText(title, "Chart.setYAxisTitle")
        chart_axis_set_name(pointer.pointee.y_axis, title)
    }

    /// The number format of the value axis labels (`"#,##0"`).
    public func setValueAxisNumberFormat(_ pattern: String) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setValueAxisNumberFormat")
        try checkText(pattern, "Chart.setValueAxisNumberFormat")
        let axis = (type == .bar || type == .barStacked) ? pointer.pointee.x_axis : pointer.pointee.y_axis
        chart_axis_set_num_format(axis, pattern)
    }

    /// Where the legend goes; `.none` removes it.
    public func setLegend(_ position: LegendPosition) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setLegend")
        chart_legend_set_position(pointer, position.c)
    }

    /// One of Excel's 48 built-in chart styles.
    public func setStyle(_ style: Int) throws(XlsxError) {
        _ = try core.requireOpen("Chart.setStyle")
        guard (1...48).contains(style) else {
            throw .invalidArgument(operation: "Chart.setStyle", detail: "style \(style) is outside 1...48")
        }
        chart_set_style(pointer, UInt8(style))
    }

    private func checkText(_ text: String, _ op: String) throws(XlsxError) {
        if text.utf8.contains(0) { throw .invalidArgument(operation: op, detail: "text contains NUL") }
    }
}
