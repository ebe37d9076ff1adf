import ConformEvidence

/// `conform amend BUNDLE --key KEY --reason TEXT [--file PATH]...`: a signed amendment.
enum AmendCommand {
    static let command = Conform.Command(
        name: "amend",
        synopsis: "conform amend BUNDLE --key KEY --reason TEXT [--file PATH]...",
        abstract: "Add a signed amendment (amendments/N/) citing the digest of the manifest before it; nothing in the bundle is rewritten.",
        options: [
            .value("--key", "KEY", "private key that signs the amendment"),
            .value("--reason", "TEXT", "why the bundle is amended"),
            .value("--file", "PATH", repeatable: true, "a file to add with the amendment; repeatable"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let bundle = arguments.positionals.first else {
            console.error("conform amend: give exactly one BUNDLE")
            return ExitStatus.usage
        }
        guard let keyPath = arguments.value("--key"), let reason = arguments.value("--reason"), !reason.isEmpty else {
            console.error("conform amend: --key KEY and --reason TEXT are required")
            return ExitStatus.usage
        }
        let key: Ed25519PrivateKey
        do {
            key = try KeyFiles.privateKey(at: keyPath)
        } catch {
            console.error("conform amend: --key: \(error)")
            return ExitStatus.usage
        }
        do {
            let folder = try Amendment.add(to: bundle, signer: key, reason: reason, files: arguments.all("--file"))
            console.out("amendment: \(bundle)/\(folder) (signed by key \(key.keyID))")
            return ExitStatus.success
        } catch {
            console.error("conform amend: \(error)")
            return ExitStatus.problem
        }
    }
}
