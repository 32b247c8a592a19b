/// `items` grouped by their grouping (`key`: a slice's or a disparity's attributes), groupings
/// in order of first appearance, items in their order within each.
func grouped<Item>(_ items: [Item], by key: (Item) -> [String]) -> [(attributes: [String], items: [Item])] {
    var index: [[String]: Int] = [:]
    var groups: [(attributes: [String], items: [Item])] = []
    for item in items {
        if let i = index[key(item)] {
            groups[i].items.append(item)
        } else {
            index[key(item)] = groups.count
            groups.append((key(item), [item]))
        }
    }
    return groups
}
