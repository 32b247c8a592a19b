import EvalKitCLI

@main
struct Main {
    static func main() {
        EvalKitCommand.main()
    }
}
