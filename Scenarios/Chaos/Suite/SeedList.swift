/// Seeds in messages: runs of consecutive seeds as ranges (`1..250, 300`), at most 20 items.
public enum SeedList {
    public static func text(_ seeds: [UInt64]) -> String {
        var items: [String] = []
        var index = 0
        while index < seeds.count {
            var end = index
            while end + 1 < seeds.count && seeds[end + 1] == seeds[end] + 1 { end += 1 }
            items.append(end > index ? "\(seeds[index])..\(seeds[end])" : "\(seeds[index])")
            index = end + 1
        }
        return items.count > 20 ? items.prefix(20).joined(separator: ", ") + ", … (\(seeds.count) seeds)" : items.joined(separator: ", ")
    }
}
