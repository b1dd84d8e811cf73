package amicatalog;
@picocli.CommandLine.Command(name = "serve")
final class ServeCommand implements Runnable { public void run() {} }
