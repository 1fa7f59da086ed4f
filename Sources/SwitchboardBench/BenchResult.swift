import SwitchboardCore

/// One measured figure, printed as one JSON line:
/// `{"name": …, "value": …, "unit": …}` plus, where a baseline was measured in the same run,
/// `"baseline": …, "baseline_value": …, "ratio": …` (value ÷ baseline value).
public struct BenchResult: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var unit: String
    public var baseline: String?
    public var baselineValue: Double?
    /// How many repetitions the median was taken over.
    public var runs: Int

    public init(name: String, value: Double, unit: String, baseline: String? = nil, baselineValue: Double? = nil, runs: Int = 1) {
        self.name = name
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.baselineValue = baselineValue
        self.runs = runs
    }

    public var ratio: Double? {
        guard let baselineValue, baselineValue != 0 else { return nil }
        return value / baselineValue
    }

    public var jsonLine: String {
        var members: [String: JSONValue] = ["name": .string(name), "value": .number(Self.round(value)), "unit": .string(unit), "runs": .integer(Int64(runs))]
        if let baseline, let baselineValue, let ratio {
            members["baseline"] = .string(baseline)
            members["baseline_value"] = .number(Self.round(baselineValue))
            members["ratio"] = .number((ratio * 1000).rounded() / 1000)
        }
        return JSONValue.object(members).jsonText
    }

    static func round(_ value: Double) -> Double {
        value >= 100 ? value.rounded() : (value * 1000).rounded() / 1000
    }
}

/// Takes the median of repeated measurements: the machine is noisy, medians are honest.
public enum Median {
    public static func of(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
