package amicatalog.cli;

import amicatalog.Main;
import amicatalog.auth.ApiTokens;
import amicatalog.auth.Users;
import amicatalog.db.Database;
import amicatalog.web.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The catalog's users: who may sign in, with which role, and their API tokens. */
@Command(name = "user", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Manage who may sign in (needed whenever serve listens beyond this machine).",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.SetRole.class,
        UserCommand.Token.class})
public final class UserCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; asks for the password"
      + " (twice at a terminal; otherwise reads one line from standard input)")
  static final class Add implements Callable<Integer> {
    @Mixin Options.Store store;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--role", required = true, description = "viewer (reads everything) or operator (also launches, copies, syncs)")
    String role;

    @Override
    public Integer call() throws IOException {
      Role r = Role.parse(role);
      Users.checkName(name);
      String password = password();
      try (Database db = Database.open(Options.config(store, null, null).db())) {
        new Users(db).add(name, r, password);
      }
      System.out.println("Added " + name + " (" + r.label() + ").");
      return 0;
    }

    private static String password() throws IOException {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password (at least 12 characters): ");
        char[] again = console.readPassword("The same again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) throw new IllegalArgumentException("the passwords differ");
        String password = new String(first);
        Users.checkPassword(password);
        return password;
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) throw new IllegalArgumentException("give the password on standard input (one line)");
      Users.checkPassword(line);
      return line;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles")
  static final class ListUsers implements Callable<Integer> {
    @Mixin Options.Store store;

    @Override
    public Integer call() {
      try (Database db = Database.open(Options.config(store, null, null).db())) {
        var users = new Users(db).list();
        if (users.isEmpty()) System.out.println("No users: sign-in is off on loopback, and serve refuses other addresses.");
        users.forEach(u -> System.out.printf("%-24s %-9s since %s%n", u.name(), u.role(), u.createdAt().substring(0, 10)));
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user, with their sessions and tokens")
  static final class Remove implements Callable<Integer> {
    @Mixin Options.Store store;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (Database db = Database.open(Options.config(store, null, null).db())) {
        if (!new Users(db).remove(name)) throw new IllegalArgumentException("there is no user named " + name);
      }
      System.out.println("Removed " + name + ".");
      return 0;
    }
  }

  @Command(name = "role", mixinStandardHelpOptions = true, description = "Change a user's role")
  static final class SetRole implements Callable<Integer> {
    @Mixin Options.Store store;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "ROLE", description = "viewer or operator") String role;

    @Override
    public Integer call() {
      Role r = Role.parse(role);
      try (Database db = Database.open(Options.config(store, null, null).db())) {
        if (!new Users(db).setRole(name, r)) throw new IllegalArgumentException("there is no user named " + name);
      }
      System.out.println(name + " is now " + r.label() + ".");
      return 0;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true, description = "Make an API token for a user (shown once), or"
      + " revoke one with --revoke ID")
  static final class Token implements Callable<Integer> {
    @Mixin Options.Store store;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--label", defaultValue = "script", description = "What the token is for (default ${DEFAULT-VALUE})") String label;
    @Option(names = "--revoke", paramLabel = "ID", description = "Revoke this token of the user instead") Long revoke;

    @Override
    public Integer call() {
      try (Database db = Database.open(Options.config(store, null, null).db())) {
        long userId = new Users(db).find(name).orElseThrow(() -> new IllegalArgumentException("there is no user named " + name)).id();
        ApiTokens tokens = new ApiTokens(db);
        if (revoke != null) {
          if (!tokens.revoke(userId, revoke)) throw new IllegalArgumentException(name + " has no live token " + revoke);
          System.out.println("Revoked token " + revoke + " of " + name + ".");
          return 0;
        }
        String token = tokens.create(userId, label);
        System.out.println(token);
        System.err.println("This is the only time the token is shown. Send it as: Authorization: Bearer <token>");
      }
      return 0;
    }
  }
}
