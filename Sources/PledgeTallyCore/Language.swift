/// The language of the workbook's labels. CSV headers are always English.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, fr
}
