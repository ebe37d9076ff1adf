import ConformEvidence

/// `conform verify BUNDLE [--key PUBKEY] [--integrity-only]`: check a bundle offline.
enum VerifyCommand {
    static let command = Conform.Command(
        name: "verify",
        synopsis: "conform verify BUNDLE [--key PUBKEY] [--integrity-only]",
        abstract: "Check an evidence bundle: signature, statement, every file's size and digest, no file missing or extra, run.json against the manifest, amendments. Exit 0 only for a complete, signed, intact bundle.",
        options: [
            .value("--key", "PUBKEY", "the lab's public key (conform keygen's .pub); without it the key stored in the bundle is used"),
            .flag("--integrity-only", "check everything but the signature (for unsigned bundles)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let bundle = arguments.positionals.first else {
            console.error("conform verify: give exactly one BUNDLE")
            return ExitStatus.usage
        }
        var key: Ed25519PublicKey?
        if let path = arguments.value("--key") {
            do {
                key = try KeyFiles.publicKey(at: path)
            } catch {
                console.error("conform verify: --key: \(error)")
                return ExitStatus.usage
            }
        }
        let report = BundleVerifier.verify(bundle, trustedKey: key, integrityOnly: arguments.flag("--integrity-only"))
        for note in report.notes { console.out("note: \(note)") }
        for problem in report.problems { console.out("problem: \(problem)") }
        guard report.isValid else {
            console.out("\(bundle): NOT VERIFIED (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"))")
            return ExitStatus.problem
        }
        console.out("\(bundle): verified" + (arguments.flag("--integrity-only") ? " (integrity only; signature not checked)" : ""))
        return ExitStatus.success
    }
}
