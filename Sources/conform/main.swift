import ConformCLI
import Foundation

exit(Conform.main(CommandLine.arguments))
