package amicatalog;
@picocli.CommandLine.Command(name = "bench")
final class BenchCommand implements Runnable { public void run() {} }
