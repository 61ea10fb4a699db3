// `swift run -c release AmountThroughput PHRASES.txt [ROUNDS]`: parses every line
// of the file ROUNDS times (default 3) and prints the phrases read per second,
// the best round. The amount grammar's speed, without the rest of the run.
import Foundation
import AmountLanguage

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: AmountThroughput PHRASES.txt [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let phrases = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    .map(String.init).filter { !$0.isEmpty }
var best = Duration.seconds(1_000_000)
var accepted = 0
for _ in 0..<rounds {
    var ok = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for phrase in phrases {
            if case .success = AmountParser.parse(phrase) { ok += 1 }
        }
    }
    best = min(best, elapsed)
    accepted = ok
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print("\(phrases.count) phrases, \(accepted) read, best of \(rounds): "
    + String(format: "%.3f s, %.0f phrases/s", seconds, Double(phrases.count) / seconds))
