// Graph algorithms shared by the task manager (submissions) and the messaging core (batches
// whose drafts depend on each other). Graphs are adjacency lists: node i's edges point at the
// nodes it needs.

/// A cycle in a graph given as adjacency lists (edges point at prerequisites), or nil.
func findCycle(_ edges: [[Int]]) -> [Int]? {
    var state = [UInt8](repeating: 0, count: edges.count)
    for start in edges.indices where state[start] == 0 {
        var stack: [(node: Int, next: Int)] = [(start, 0)]
        state[start] = 1
        while let top = stack.last {
            if top.next < edges[top.node].count {
                stack[stack.count - 1].next += 1
                let target = edges[top.node][top.next]
                if state[target] == 1 {
                    let path = stack.map(\.node)
                    return Array(path[path.firstIndex(of: target)!...]) + [target]
                }
                if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, 0))
                }
            } else {
                state[top.node] = 2
                stack.removeLast()
            }
        }
    }
    return nil
}

/// The nodes of an acyclic graph with every prerequisite before the nodes that need it.
func topologicalOrder(_ edges: [[Int]]) -> [Int] {
    var order: [Int] = []
    var done = [Bool](repeating: false, count: edges.count)
    func visit(_ node: Int) {
        var stack: [(node: Int, next: Int)] = [(node, 0)]
        while let top = stack.last {
            if done[top.node] {
                stack.removeLast()
                continue
            }
            if top.next < edges[top.node].count {
                stack[stack.count - 1].next += 1
                let target = edges[top.node][top.next]
                if !done[target] { stack.append((target, 0)) }
            } else {
                done[top.node] = true
                order.append(top.node)
                stack.removeLast()
            }
        }
    }
    for node in edges.indices where !done[node] { visit(node) }
    return order
}
