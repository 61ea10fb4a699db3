/// ISO 4217 facts pledgetally needs: the minor unit of each currency.
public enum CurrencyUnits {
    /// Decimal places of the currency's minor unit (2 for EUR, 0 for JPY).
    /// Currencies not listed have 2.
    public static func minorDigits(_ code: String) -> Int {
        zeroDecimal.contains(code) ? 0 : (threeDecimal.contains(code) ? 3 : 2)
    }

    /// ISO 4217 currencies without a minor unit (among those the ECB publishes
    /// or has published, and a few more).
    static let zeroDecimal: Set<String> = [
        "JPY", "KRW", "ISK", "CLP", "VND", "XAF", "XOF", "XPF", "PYG", "UGX", "RWF", "KMF", "GNF", "DJF", "VUV", "BIF",
    ]
    /// ISO 4217 currencies with three decimal places.
    static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
}
