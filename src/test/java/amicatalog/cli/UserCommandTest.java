package amicatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user commands as an operator types them, and serve refusing to listen beyond loopback without users. */
class UserCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out, err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void serveRefusesToListenBeyondThisMachineWithoutUsersAndSaysHowToAddOne() {
    String db = dir.resolve("c.db").toString();
    Run refused = run("", "serve", "--host", "0.0.0.0", "--port", "0", "--db", db, "--sync-interval", "0");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("needs sign-in").contains("user add NAME --role operator");
  }

  @Test
  void usersAreAddedListedGivenARoleAndTokensAndRemoved() {
    String db = dir.resolve("c.db").toString();
    assertThat(run("short\n", "user", "add", "ann", "--role", "operator", "--db", db).err()).contains("at least 12 characters");
    assertThat(run("a long enough password\n", "user", "add", "ann", "--role", "operator", "--db", db).exit()).isZero();
    assertThat(run("another long password\n", "user", "add", "ann", "--role", "viewer", "--db", db).err()).contains("already a user named ann");
    assertThat(run("", "user", "add", "bob", "--role", "admin", "--db", db).err()).contains("not a role");
    assertThat(run("", "user", "list", "--db", db).out()).contains("ann").contains("operator");
    assertThat(run("", "user", "role", "ann", "viewer", "--db", db).out()).contains("ann is now viewer");
    Run token = run("", "user", "token", "ann", "--label", "terraform", "--db", db);
    assertThat(token.out().strip()).matches("amic_[0-9a-f]{64}");
    assertThat(token.err()).contains("only time the token is shown");
    assertThat(run("", "user", "remove", "ann", "--db", db).exit()).isZero();
    assertThat(run("", "user", "remove", "ann", "--db", db).err()).contains("no user named ann");
  }
}
