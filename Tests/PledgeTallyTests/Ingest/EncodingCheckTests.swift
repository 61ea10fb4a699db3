import Testing
@testable import PledgeTally
@testable import Ingest

extension IngestTests {
    @Suite("EncodingCheck: UTF-8 only, checked before any record")
    struct EncodingCheckTests {
        @Test("a Windows-1252 file is rejected whole with the offset of the first bad byte", arguments: ["p.csv", "p.tsv", "p.md"])
        func windows1252(name: String) throws {
            // "Société Générale" in Windows-1252: é is 0xE9.
            let separator: UInt8 = name.hasSuffix(".tsv") ? 0x09 : UInt8(ascii: name.hasSuffix(".md") ? "|" : ",")
            var bytes = Array("investor,amount,domain\nA,1,x\n".utf8).map { $0 == UInt8(ascii: ",") ? separator : $0 }
            if name.hasSuffix(".md") { bytes += Array("---|---|---\n".utf8) }
            let offset = bytes.count + 4
            bytes += Array("Soci".utf8) + [0xE9] + Array("t\u{E9}".utf8) // a lone 0xE9, then a real é
            #expect(try ingestEvents(name, bytes: bytes) == [
                rejection(name, 0, "file", "",
                          "not UTF-8: byte 0xE9 at byte offset \(offset) (line \(name.hasSuffix(".md") ? 4 : 3)) is not valid UTF-8; the file may be Windows-1252 or Latin-1: save it as UTF-8"),
            ])
        }

        @Test("UTF-16 files with a byte-order mark are named as such", arguments: [
            ([0xFF, 0xFE] as [UInt8], "little-endian byte-order mark FF FE"),
            ([0xFE, 0xFF] as [UInt8], "big-endian byte-order mark FE FF"),
        ])
        func utf16(mark: [UInt8], words: String) throws {
            var bytes = mark
            for unit in "investor,amount,domain\nA,1,x\n".utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                bytes += mark[0] == 0xFF ? pair : pair.reversed()
            }
            for chunk in [1, 2, 1 << 20] {
                #expect(try ingestEvents("p.csv", bytes: bytes, chunkSize: chunk) == [
                    rejection("p.csv", 0, "file", "", "not UTF-8: the file is UTF-16 (\(words) at byte offset 0); save it as UTF-8"),
                ])
            }
        }

        @Test("a NUL byte rejects the file, with its offset")
        func nul() throws {
            let bytes = Array("investor,amount,domain\nA,1,x\nB,".utf8) + [0] + Array("2,y\n".utf8)
            #expect(try ingestEvents("p.csv", bytes: bytes) == [
                rejection("p.csv", 0, "file", "",
                          "not a text file: NUL byte at byte offset 31 (line 3); it may be binary or UTF-16 without a byte-order mark: save it as UTF-8"),
            ])
        }

        @Test("a file cut inside a character is rejected")
        func truncated() throws {
            let bytes = Array("investor,amount,domain\nA,1,x\n".utf8) + [0xE2, 0x80]
            #expect(try ingestEvents("p.csv", bytes: bytes) == [
                rejection("p.csv", 0, "file", "",
                          "not UTF-8: the file ends inside a character (byte 0xE2 at byte offset 29, line 3); save it as UTF-8"),
            ])
        }

        @Test("UTF8Validator agrees with the standard library on ill-formed sequences", arguments: [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF],
            [0xFE], [0xFF], [0xC2], [0xE2, 0x82], [0xC2, 0x41], [0xE2, 0x28, 0xA1],
            [0xC2, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xE2, 0x80, 0x99], [0x7F],
        ] as [[UInt8]])
        func validatorMatchesStandardLibrary(sequence: [UInt8]) {
            let bytes = Array("abcdefghij".utf8) + sequence + Array("klmnopqrstuvwxyz".utf8)
            #expect(isValid(bytes, chunk: bytes.count) == (String(validating: bytes, as: UTF8.self) != nil))
            for chunk in 1...5 {
                #expect(isValid(bytes, chunk: chunk) == isValid(bytes, chunk: bytes.count))
            }
        }

        @Test("UTF8Validator agrees with the standard library on random bytes, in any chunks")
        func validatorOnRandomBytes() {
            var random = SplitMix64(seed: 42)
            let alphabet: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
            for _ in 0..<3000 {
                let length = Int.random(in: 0...24, using: &random)
                let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
                let expected = String(validating: bytes, as: UTF8.self) != nil
                #expect(isValid(bytes, chunk: max(bytes.count, 1)) == expected, "\(bytes)")
                #expect(isValid(bytes, chunk: Int.random(in: 1...9, using: &random)) == expected, "\(bytes)")
            }
        }

        private func isValid(_ bytes: [UInt8], chunk: Int) -> Bool {
            var validator = UTF8Validator()
            var offset = 0
            while offset < bytes.count {
                let piece = Array(bytes[offset..<min(offset + chunk, bytes.count)])
                if piece.withUnsafeBufferPointer({ validator.check($0, at: offset) }) != nil { return false }
                offset += chunk
            }
            return validator.finish() == nil
        }
    }
}
