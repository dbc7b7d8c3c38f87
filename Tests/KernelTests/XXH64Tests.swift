import Kernel
import Messages
import Testing

/// Reference values from the `xxhash` Python package (the C reference implementation).
@Suite struct XXH64Tests {
    @Test func knownVectors() {
        #expect(XXH64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        #expect(XXH64.hash(Array("abc".utf8), seed: 42) == 0x13C1_D910_7027_70E6)
        let long = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        #expect(XXH64.hash(long) == 0x8E03_C838_C596_036F)
        #expect(XXH64.hash(long, seed: 42) == 0x5A08_DEAD_05DF_1080)
    }

    @Test func streamingInAnyChunksEqualsOneShot() {
        let long = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        for chunk in [1, 3, 7, 8, 31, 32, 33, 100] {
            var hasher = XXH64()
            var index = 0
            while index < long.count {
                let end = min(index + chunk, long.count)
                hasher.update(Array(long[index..<end]))
                index = end
            }
            #expect(hasher.digest == 0x8E03_C838_C596_036F, "chunk size \(chunk)")
        }
    }

    @Test func digestCanBeReadMidStream() {
        var hasher = XXH64()
        hasher.update(Array("a".utf8))
        #expect(hasher.digest == 0xD24E_C4F1_A98C_6E5B)
        hasher.update(Array("bc".utf8))
        #expect(hasher.digest == 0x44BC_2CF5_AD77_0999)
    }
}
