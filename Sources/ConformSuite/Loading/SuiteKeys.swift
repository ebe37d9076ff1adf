/// The keys each suite mapping takes; the loader and the JSON Schema both read these.
enum SuiteKeys {
    static let header = ["cases", "method", "pics", "pixit", "ports", "suite", "templates", "title", "version"]
    static let headerRequired = ["method", "suite", "title", "version"]
    /// Keys of a further file in a suite folder.
    static let part = ["cases", "templates"]
    static let method = ["basis", "spec"]
    static let pics = ["default", "description", "required", "type"]
    static let pixit = ["default", "description", "required", "sensitive", "type"]
    static let testCase = ["clause", "finally", "id", "on", "pics", "purpose", "references", "steps", "tags", "timeout", "title"]
    static let testCaseRequired = ["clause", "id", "steps", "title"]
    static let handler = ["match", "port", "send"]
    static let handlerRequired = ["match", "send"]
}
