import Foundation

/// A made-up input folder that exercises the workbook: every qualifier, six
/// currencies (EUR, USD, GBP, JPY, INR, CHF), four dates, amounts with cents,
/// domains whose names are Excel wildcards or look like formulas, investor
/// names that look like formulas, and a few records that are rejected.
enum GeneratedInput {
    static let phrases = [
        "20 milliards d’euros", "$5bn", "£1.5bn", "¥300 billion", "₹10,372 crore", "2 milliards de francs suisses",
        "CHF 750 million", "up to €3bn", "jusqu’à 5 milliards de dollars", "more than £200m",
        "plus de 1,2 milliard d’euros", "about ¥50 billion", "environ 2 Md€", "an initial $1bn",
        "10 milliards d’euros (initialement)", "between €1bn and €2bn", "entre 3 et 5 milliards de dollars",
        "₹500–700 crore", "Non spécifié", "undisclosed", "€12,345.67", "$987,654.32", "¥1,234,567",
        "around 1 billion Swiss francs", "£3,141.59", "CHF 1,000.05", "roughly ₹2,500 crore",
    ]
    static let domainTexts = [
        "Supercalculateur exascale", "Cloud souverain", "Énergie bas carbone", "Robotics labs", "Grid upgrade",
        "Non spécifié", "Something nobody mapped",
    ]
    static let dates = ["2025-02-10", "2025-02-11", "2025-01-15", "2024-12-02"]

    static let domains = """
        match,domain
        supercalculateur,Supercomputing
        cloud,Cloud
        énergie,Energy
        robotics,Robotics *labs* ~?
        grid,=Grid
        non spécifié,Unspecified

        """

    /// A hand-written ECB history: units per euro.
    static let rates = """
        Date,USD,JPY,GBP,CHF,INR,
        2025-02-11,1.0335,160.41,0.83395,0.9412,90.0575,
        2025-02-10,1.032,157.11,0.8327,0.9401,90.4275,
        2025-01-15,1.0305,161.72,0.8427,0.9401,89.2245,
        2024-12-02,1.0498,157.71,0.8286,0.9312,88.8565,

        """

    /// Writes the folder (pledges/, domains.csv, rates/) and returns its path.
    static func write(in dir: TemporaryDirectory, rows: Int = 100) throws -> String {
        let root = try dir.makeFolder("Generated")
        try dir.makeFolder("Generated/pledges")
        try dir.makeFolder("Generated/rates")
        try dir.write("Generated/domains.csv", domains)
        try dir.write("Generated/rates/eurofxref-hist.csv", rates)
        var csv = "investor,amount,domain,date\n"
        for i in 0..<rows {
            var investor = "Investor \(i + 1)"
            if i == 3 { investor = "=SUM(1,2)" }
            if i == 5 { investor = "@handle" }
            if i == 8 { investor = "+33 Capital" }
            let phrase = phrases[i % phrases.count]
            let domain = domainTexts[i % domainTexts.count]
            let date = dates[(i / 3) % dates.count]
            csv += [investor, phrase, domain, date].map(quoted).joined(separator: ",") + "\n"
        }
        // Rejected: an unknown currency, and a date with no ECB rate within 7 days.
        csv += "Bad currency,100 zorkmids,Cloud souverain,2025-02-10\n"
        csv += "Too early,$1bn,Cloud souverain,2023-06-01\n"
        try dir.write("Generated/pledges/generated.csv", csv)
        return root
    }

    private static func quoted(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
