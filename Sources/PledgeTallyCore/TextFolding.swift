import Foundation

/// Folds text for comparisons that ignore case, accents, apostrophe style,
/// Unicode normalisation form and kinds of space.
///
/// "Domaine d’intérêt", "DOMAINE D'INTERET" and the same words in NFD all fold
/// to "domaine d'interet". Used for headers, domain matching and vocabulary.
public enum TextFolding {
    /// The folded form: canonical decomposition, combining marks removed, lower
    /// case, ’ ‘ ʼ ′ as ', every kind of space as one ASCII space, trimmed.
    public static func fold<S: StringProtocol>(_ text: S) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return collapseSpaces(text.lowercased())
        }
        let decomposed = String(text).decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                continue   // accents; also zero-width and direction marks
            default:
                break
            }
            if let replacement = replacements[scalar.value] {
                scalars.append(replacement)
            } else if scalar.properties.isWhitespace {
                scalars.append(" ")
            } else {
                scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return collapseSpaces(String(scalars))
    }

    /// Scalars that fold to something other than their lower case.
    static let replacements: [UInt32: Unicode.Scalar] = [
        0x2019: "'", 0x2018: "'", 0x02BC: "'", 0x2032: "'", 0x00B4: "'", 0x0060: "'",
        0x2013: "-", 0x2014: "-", 0x2212: "-",
    ]

    private static func collapseSpaces(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s {
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(ch)
        }
        return out
    }
}
