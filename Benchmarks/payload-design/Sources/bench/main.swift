
import Foundation
let inputs = Int(CommandLine.arguments.dropFirst().first ?? "2000000")!
let order = CommandLine.arguments.dropFirst(2).first ?? "ego"
func time(_ name: String, _ f: () -> (UInt64, Int, Int64)) {
    var t0 = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0)
    let r = f()
    var t1 = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1)
    let ns = Double(t1.tv_sec - t0.tv_sec) * 1e9 + Double(t1.tv_nsec - t0.tv_nsec)
    print(String(format: "%-8@ %6.2f cpu ns/delivery  deliveries %d  digest %016llx  acc %lld", name as NSString, ns / Double(r.1), r.1, r.0, r.2))
}
for _ in 0..<3 {
    for c in order {
        switch c {
        case "e": time("enum") { runEnum(inputs: inputs) }
        case "g": time("generic") { runGeneric(inputs: inputs) }
        case "t": time("typed") { runOpaqueTyped(inputs: inputs) }
        default: time("opaque") { runOpaque(inputs: inputs) }
        }
    }
}
