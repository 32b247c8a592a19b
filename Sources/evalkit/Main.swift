import EvalKitCLI

@main
struct Main {
    static func main() async {
        await EvalKitCommand.main()
    }
}
