import PledgeTallyCore
import Aggregate

/// manifest.json: what a report was made from and what it says, so anyone can
/// tell two reports apart or trace one back to its inputs. No clock in it.
public enum Manifest {
    public static func json(_ facts: RunFacts) -> JSONText {
        let digits = facts.options.currency.minorDigits
        let o = facts.options
        return .object([
            ("tool", .object([("name", .string("pledgetally")), ("version", .string(facts.version))])),
            ("options", .object([
                ("input", .string(o.input)),
                ("currency", .string(o.currency.code)),
                ("date", .optional(o.date?.description)),
                ("lang", .string(o.language.rawValue)),
                ("strict", .bool(o.strict)),
            ])),
            ("inputs", .array(facts.inputs.map { f in
                .object([
                    ("path", .string(f.path)), ("sha256", .string(f.sha256)), ("records", .int(f.records)),
                    ("accepted", .int(f.accepted)), ("rejected", .int(f.rejected)),
                ])
            })),
            ("domains", .object([("path", .string(facts.domainsFile.path)), ("sha256", .string(facts.domainsFile.sha256))])),
            ("rates", .array(facts.rateFiles.map { r in
                let used = facts.usedRates.filter { $0.file == r.path }
                return .object([
                    ("path", .string(r.path)), ("kind", .string(r.kind.rawValue)), ("sha256", .string(r.sha256)), ("days", .int(r.days)),
                    ("first_date", .optional(r.firstDay?.description)), ("last_date", .optional(r.lastDay?.description)),
                    // What the conversions took from this file (where files overlap, the newest wins).
                    ("rates_used", .int(used.count)), ("days_used", .int(Set(used.map(\.day)).count)),
                ])
            })),
            ("rates_used", .object([
                ("count", .int(facts.usedRates.count)),
                ("first_date", .optional(facts.rateDays?.lowerBound.description)),
                ("last_date", .optional(facts.rateDays?.upperBound.description)),
                // Where the rates used came from: ECB, another source's path, or a peg.
                ("sources", .array(Set(facts.usedRates.map(\.source)).filter { !$0.isEmpty }.sorted().map { .string($0) })),
                ("ecb_last_date", .optional(facts.ratesLastDay?.description)),
            ])),
            ("counts", .object([
                ("records", .int(facts.records)), ("accepted", .int(facts.accepted)), ("rejected", .int(facts.rejected)),
                ("unpriced", .int(facts.grandTotal.unpriced)), ("domains", .int(facts.domains.count)),
                ("unclassified_texts", .int(facts.unclassified.count)),
                ("repeated_pledges", .int(facts.duplicatePledges)),
                ("currency_conflicts", .int(facts.currencyConflicts)),
            ])),
            ("grand_total", .object([
                ("currency", .string(o.currency.code)),
                ("total", .string(facts.grandTotal.total.formatted(places: digits))),
                ("ceiling", .string(facts.grandTotal.ceiling.formatted(places: digits))),
                ("floor", .string(facts.grandTotal.floor.formatted(places: digits))),
            ])),
        ])
    }
}
