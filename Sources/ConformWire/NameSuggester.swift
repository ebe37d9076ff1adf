/// Did-you-mean suggestions for any names: field abbrevs, target keys, template names.
public enum NameSuggester {
    /// The closest candidate within a sensible edit distance
    /// (Damerau–Levenshtein, optimal string alignment, at most `max(2, name.count / 3)`),
    /// or nil. Ties go to the candidate that sorts first, so the answer is deterministic.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let target = Array(name)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != name {
            let other = Array(candidate)
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other)
            guard distance <= limit else { continue }
            if let current = best,
               current.distance < distance || (current.distance == distance && current.candidate <= candidate) {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and
    /// transpositions of adjacent characters each cost 1.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
