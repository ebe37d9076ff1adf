import ConformEvidence

/// `conform keygen OUT`: a new Ed25519 lab key in OUT.key and OUT.pub.
enum KeygenCommand {
    static let command = Conform.Command(
        name: "keygen",
        synopsis: "conform keygen OUT",
        abstract: "Make an Ed25519 signing key: OUT.key (PKCS#8 PEM, mode 0600) and OUT.pub; never overwrites. Prints the key id (SHA-256 of the public key's DER).",
        options: [],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let base = arguments.positionals.first else {
            console.error("conform keygen: give exactly one OUT (the files are OUT.key and OUT.pub)")
            return ExitStatus.usage
        }
        do {
            let made = try KeyFiles.generate(to: base)
            console.out("private key: \(made.privateKeyPath) (keep it secret)")
            console.out("public key:  \(made.publicKeyPath)")
            console.out("key id:      \(made.keyID)")
            return ExitStatus.success
        } catch {
            console.error("conform keygen: \(error)")
            return ExitStatus.problem
        }
    }
}
