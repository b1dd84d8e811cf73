package amicatalog.sync;

import amicatalog.common.Json;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code aws ec2 describe-images --output json} files (plain or gzip), streaming: one
 * image at a time into pages of 1,000, so a file of any size fits in memory.
 */
public final class SnapshotImageSource implements ImageSource {
  private static final int PAGE_SIZE = 1000;
  private static final Pattern REGION_IN_NAME =
      Pattern.compile("(?<![a-z])((?:[a-z]{2}|us-gov|us-iso[a-z]?)-[a-z]+-\\d)(?!\\d)");

  /** One file and the region its images belong to. */
  public record Snapshot(String region, String name, Opener opener) {
    public static Snapshot of(Path file, String region) {
      return new Snapshot(region, file.toString(), () -> Files.newInputStream(file));
    }
  }

  public interface Opener {
    InputStream open() throws IOException;
  }

  private final List<Snapshot> snapshots;

  public SnapshotImageSource(List<Snapshot> snapshots) {
    this.snapshots = List.copyOf(snapshots);
  }

  /** The regions the files cover, in the order first named. */
  public List<String> regions() {
    return snapshots.stream().map(Snapshot::region).distinct().toList();
  }

  /** The region a file name names (e.g. {@code images-eu-west-1.json.gz}), or null. */
  public static String regionFromName(String fileName) {
    Matcher m = REGION_IN_NAME.matcher(fileName);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public void list(String region, Scope scope, PageConsumer pages) throws IOException {
    for (Snapshot s : snapshots) {
      if (s.region().equals(region)) read(s, pages);
    }
  }

  private static void read(Snapshot snapshot, PageConsumer pages) throws IOException {
    try (InputStream in = decompressed(snapshot.opener().open());
         JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
      if (!seekImagesArray(p)) {
        throw new IOException(snapshot.name() + ": no \"Images\" array (is it describe-images --output json?)");
      }
      List<ImageRecord> page = new ArrayList<>(PAGE_SIZE);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        page.add(ImageRecord.fromJson(p.readValueAs(JsonNode.class)));
        if (page.size() == PAGE_SIZE) {
          pages.accept(page);
          page = new ArrayList<>(PAGE_SIZE);
        }
      }
      if (!page.isEmpty()) pages.accept(page);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(snapshot.name() + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(snapshot.name() + ": " + e.getMessage(), e);
    }
  }

  /** Moves to the start of the top-level "Images" array (a bare array is accepted too). */
  private static boolean seekImagesArray(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == JsonToken.START_ARRAY) return true;
    if (first != JsonToken.START_OBJECT) return false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("Images".equals(field) && value == JsonToken.START_ARRAY) return true;
      p.skipChildren();
    }
    return false;
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read(), b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  @Override
  public boolean listingsAreComplete() {
    return false;
  }

}
