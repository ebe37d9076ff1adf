/// Names of the files in an evidence bundle and their media types.
///
/// ```
/// manifest.json             every file below except the two signed-statement files (not listed in itself)
/// attestation.dsse.json     in-toto Statement v1 over manifest.json, in a DSSE envelope
/// run.json  junit.xml  report.html  registry-record.json  target.json  environment.json
/// journal.ndjson            one line per finished case, fsynced as the run goes
/// keys/authoriser.pub       the signer's public key (signed bundles)
/// suites/ID/FILE            exact copies of the suites
/// captures/PORT.pcapng      one capture per tester port
/// measurements/CASE.csv     raw samples of each case's measure steps
/// amendments/N/             later signed statements; each has its own manifest.json and attestation.dsse.json
/// run-in-progress.json      only while a run is unfinished: what `run --resume` needs
/// ```
public enum BundleLayout {
    public static let manifest = "manifest.json"
    public static let attestation = "attestation.dsse.json"
    public static let runRecord = "run.json"
    public static let junit = "junit.xml"
    public static let report = "report.html"
    public static let registryRecord = "registry-record.json"
    public static let target = "target.json"
    public static let environment = "environment.json"
    public static let journal = "journal.ndjson"
    public static let authoriserKey = "keys/authoriser.pub"
    public static let captures = "captures"
    public static let suites = "suites"
    public static let amendments = "amendments"
    public static let measurements = "measurements"
    public static let inProgress = "run-in-progress.json"

    /// The capture file of a tester port, relative to the bundle.
    public static func capture(port: String) -> String { "\(captures)/\(port).pcapng" }

    /// The media type recorded for a file in the manifest.
    public static func mediaType(of path: String) -> String {
        if path.hasSuffix(".dsse.json") { return "application/vnd.dsse.envelope.v1+json" }
        let suffix = path.split(separator: ".").last.map(String.init) ?? ""
        switch suffix {
        case "json": return "application/json"
        case "ndjson": return "application/x-ndjson"
        case "xml": return "application/xml"
        case "html": return "text/html"
        case "pcapng": return "application/x-pcapng"
        case "yaml", "yml": return "application/yaml"
        case "pub", "pem": return "application/x-pem-file"
        case "csv": return "text/csv"
        case "txt", "log": return "text/plain"
        default: return "application/octet-stream"
        }
    }
}
