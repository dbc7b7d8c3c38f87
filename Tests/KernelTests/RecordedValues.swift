/// Numbers a test records from inside handlers. Only touched on the kernel thread.
final class RecordedValues: @unchecked Sendable {
    var values: [Int] = []
}
