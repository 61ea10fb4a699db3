import PledgeTallyCore

/// The rates beyond the ECB files: other sources, which fill only the
/// currencies and days the ECB lacks, and fixed pegs, which price a currency
/// through its anchor's rate of the day.
extension RateTable {
    /// Adds other sources' rates where no ECB file has a rate for that
    /// currency and day (the ECB always wins). Between two sources the one
    /// whose path sorts first wins.
    public mutating func addSources(_ contents: [(content: ECBRateFile.Content, skipped: [String: String])]) {
        for (content, why) in contents.sorted(by: { $0.content.file.path.utf8.lexicographicallyPrecedes($1.content.file.path.utf8) }) {
            for (currency, reason) in why where skipped[currency] == nil { skipped[currency] = reason }
            let source = Int32(files.count)
            for column in content.columns {
                var merged: [Day: (DecimalAmount, Int32)] = [:]
                for (d, r) in zip(column.days, column.rates) { merged[d] = (r, source) }
                if let old = series[column.currency] {
                    for (d, (r, f)) in zip(old.days, zip(old.rates, old.sources)) { merged[d] = (r, f) }
                }
                let days = merged.keys.sorted()
                series[column.currency] = Series(days: days, rates: days.map { merged[$0]!.0 }, sources: days.map { merged[$0]!.1 })
            }
            files.append(content.file)
            addSkippedCells(content.skippedCells)
        }
    }

    /// Adds a pegs file's pegs, after the published rates. A peg is left out,
    /// with a warning, when its currency has published rates (they win) or
    /// its anchor has none (or is itself pegged). Returns the warnings.
    public mutating func addPegs(_ file: RateSourceFile.Pegs) -> [ECBRateFile.Problem] {
        var warnings: [ECBRateFile.Problem] = []
        for (currency, why) in file.skipped where skipped[currency] == nil { skipped[currency] = why }
        let published = series
        for peg in file.pegs {
            func leaveOut(_ reason: String) {
                warnings.append(.init(path: peg.file, line: peg.line, reason: "peg skipped: " + reason))
                if skipped[peg.currency] == nil { skipped[peg.currency] = "\(peg.place) was skipped: \(reason)" }
            }
            if let s = published[peg.currency], let first = s.sources.first {
                leaveOut("\(peg.currency) is both pegged and in \(files[Int(first)].path); the published rate is used")
                continue
            }
            if file.pegs.contains(where: { $0.currency == peg.anchor }) {
                leaveOut("its anchor \(peg.anchor) is itself pegged")
                continue
            }
            guard peg.anchor == "EUR" || published[peg.anchor] != nil else {
                leaveOut("its anchor \(peg.anchor) has no rate in any rates file")
                continue
            }
            pegs[peg.currency, default: []].append(peg)
        }
        files.append(file.file)
        return warnings
    }

    /// A pegged currency's rate per euro on `day`: the peg's units per anchor
    /// times the anchor's rate of the day, exact; dated by the anchor's rate.
    func pegQuote(_ currency: String, on day: Day) -> Result<Quote, LookupError> {
        let all = pegs[currency] ?? []
        guard let peg = all.first(where: { $0.covers(day) }) else {
            let places = all.map(\.place).joined(separator: ", ")
            return .failure(.peg(currency: currency, reason: "no \(currency) peg covers \(day) (\(places))"))
        }
        switch publishedQuote(peg.anchor, on: day) {
        case .failure(let e):
            return .failure(.peg(currency: currency, reason: "\(currency) is pegged to \(peg.anchor) (\(peg.place)), but \(e.description)",
                                 stale: e.isStale))
        case .success(let anchor):
            guard let rate = try? peg.unitsPerAnchor.multiplied(by: anchor.rate) else {
                return .failure(.peg(currency: currency, reason: "\(currency) is pegged to \(peg.anchor) (\(peg.place)), but the product of the rates is too large"))
            }
            let through = peg.anchor == "EUR" ? "" : " × \(anchor.source) \(peg.anchor)"
            let source = "peg \(peg.place) \(peg.unitsPerAnchor.formatted(places: nil)) \(currency)/\(peg.anchor)\(through)"
            return .success(Quote(rate: rate, day: anchor.day, file: peg.file, source: source))
        }
    }
}
