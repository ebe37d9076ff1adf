/// The `conform` command line.
public enum Conform {
    public static func main(_ arguments: [String]) -> Int32 { 0 }
}
