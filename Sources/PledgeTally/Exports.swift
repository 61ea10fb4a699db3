// The core value types and the amount language are part of this library's
// interface (a pledge carries a DecimalAmount and a ParsedAmount's qualifier).
@_exported import AmountLanguage
@_exported import PledgeTallyCore
