package amicatalog.web;

import amicatalog.common.Text;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The stylesheet, scripts and icon under /static, read from the jar once and kept. Jetty's
 * resource handler, which Javalin's static files use, mounted the whole 80 MB jar as a file
 * system at start-up (a fifth of it); a handful of small files need no more than this.
 */
public final class StaticFiles {
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

  private record File(byte[] bytes, String type, String etag) {}

  private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

  public void serve(Context ctx) {
    String name = ctx.pathParam("file");
    File file = NAME.matcher(name).matches() ? files.computeIfAbsent(name, StaticFiles::read).orElse(null) : null;
    if (file == null) throw new NotFoundResponse("No such file: /static/" + Text.cut(name));
    ctx.header("Cache-Control", "max-age=3600");
    ctx.header("ETag", file.etag());
    if (file.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(file.type()).result(file.bytes());
  }

  private static Optional<File> read(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/static/" + name)) {
      if (in == null) return Optional.empty();
      byte[] bytes = in.readAllBytes();
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      return Optional.of(new File(bytes, type, "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
