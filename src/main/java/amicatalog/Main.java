package amicatalog;

import amicatalog.bench.BenchCommand;
import amicatalog.cli.ImportCommand;
import amicatalog.cli.ServeCommand;
import amicatalog.cli.SyncCommand;
import amicatalog.cli.UserCommand;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The command line: serve (the default), sync, import, user, bench. */
@Command(name = "ami-catalog", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "A self-hosted catalog of Amazon Machine Images across every region.%n"
        + "With no command, 'serve' runs.",
    subcommands = {ServeCommand.class, SyncCommand.class, ImportCommand.class, UserCommand.class, BenchCommand.class})
public final class Main implements Runnable {
  public static final String VERSION = "AMI Catalog 0.1.0";
  private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(withDefaultCommand(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // Expected failures (bad input, unreachable AWS) get one clear line, not a stack trace.
      cmd.getErr().println("error: " + (e.getMessage() == null ? e : e.getMessage()));
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli;
  }

  /** No command, or only options, means serve: `ami-catalog --port 8080`. */
  public static String[] withDefaultCommand(String[] args) {
    if (args.length == 0) return new String[] {"serve"};
    if (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0])) {
      String[] withServe = new String[args.length + 1];
      withServe[0] = "serve";
      System.arraycopy(args, 0, withServe, 1, args.length);
      return withServe;
    }
    return Arrays.copyOf(args, args.length);
  }
}
