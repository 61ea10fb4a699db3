import Render

extension RunDiff {
    /// The one-line summary that starts the report.
    public var summary: String {
        if isEmpty { return "no changes" }
        let added = pledges.filter { $0.kind == .added }.count
        let removed = pledges.filter { $0.kind == .removed }.count
        let changed = pledges.filter { $0.kind == .changed }.count
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(n(added, "pledge")) added, \(removed) removed, \(changed) changed; "
            + "\(n(domains.count, "domain row")) changed; rejections: \(rejectionsAdded) new, \(rejectionsRemoved) gone"
    }

    /// The human-readable report: summary line, then each change.
    public var text: String {
        var lines = [summary]
        for p in pledges {
            let mark = p.kind == .added ? "+" : p.kind == .removed ? "-" : "~"
            lines.append("\(mark) \(p.source) | \(p.investor)")
            for f in p.fields { lines.append("    \(f.field): \(f.old) → \(f.new)") }
        }
        if !domains.isEmpty {
            lines.append("by domain:")
            for d in domains {
                let delta = d.totalDelta.flatMap { $0.isZero ? nil : " (\($0.isNegative ? "" : "+")\($0))" } ?? ""
                lines.append("  \(d.domain)\(delta)")
                for f in d.fields { lines.append("    \(f.field): \(f.old.isEmpty ? "∅" : f.old) → \(f.new.isEmpty ? "∅" : f.new)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as CSV rows, in the spirit of daff's highlighter format:
    /// `+++` added, `---` removed, `->` changed (one row per field).
    public func writeCSV(to file: OutputFile) throws(OutputError) {
        var csv = CSVWriter(file: file)
        try csv.header(["change", "source", "key", "field", "old", "new", "delta"])
        func row(_ change: String, _ source: String, _ key: String, _ field: String, _ old: String, _ new: String, _ delta: String) throws(OutputError) {
            try csv.plain(change)
            for cell in [source, key, field, old, new] { try csv.text(cell) }
            try csv.plain(delta)
            try csv.endRow()
        }
        for p in pledges {
            switch p.kind {
            case .added: try row("+++", p.source, p.investor, "", "", "", "")
            case .removed: try row("---", p.source, p.investor, "", "", "", "")
            case .changed: for f in p.fields { try row("->", p.source, p.investor, f.field, f.old, f.new, "") }
            }
        }
        for d in domains {
            for f in d.fields {
                let delta = f.field.hasPrefix("total_") ? (d.totalDelta?.description ?? "") : ""
                try row("->", "by_domain.csv", d.domain, f.field, f.old, f.new, delta)
            }
        }
    }
}
