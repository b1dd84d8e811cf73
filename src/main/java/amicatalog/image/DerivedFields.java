package amicatalog.image;

import amicatalog.common.Json;
import amicatalog.db.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What the demo catalog derived instead of reading it from its sources: the Fedora CoreOS images'
 * DeprecationTime, from the stream files' history, and that history itself. The pages that show
 * such a value say so: {@code note} beside it ("demo: derived from the stream files"), with
 * {@code explanation}; {@code history} beside the images' history. Kept in catalog_meta by the
 * demo's load; a synced catalog has none.
 */
public record DerivedFields(String ownerId, Set<String> fields, String note, String explanation, String history) {
  /** The catalog_meta key. */
  public static final String META_KEY = "demo_derived";

  public static Optional<DerivedFields> of(Database db) {
    return db.read(DerivedFields::of);
  }

  public static Optional<DerivedFields> of(Handle h) {
    return h.createQuery("SELECT value FROM catalog_meta WHERE key = ?").bind(0, META_KEY)
        .mapTo(String.class).findOne().map(DerivedFields::parse);
  }

  private static DerivedFields parse(String json) {
    JsonNode n = Json.read(json);
    Set<String> fields = new HashSet<>();
    n.path("fields").forEach(f -> fields.add(f.asText()));
    return new DerivedFields(n.path("ownerId").asText(), Set.copyOf(fields), n.path("note").asText(),
        n.path("explanation").asText(), n.path("history").asText());
  }

  /** Whether {@code field} (an EC2 name such as DeprecationTime) of an image of this owner was derived. */
  public boolean derives(String imageOwnerId, String field) {
    return ownerId.equals(imageOwnerId) && fields.contains(field);
  }

  /** Whether the history of an image of this owner was replayed by the demo, not seen by syncs. */
  public boolean replays(String imageOwnerId) {
    return ownerId.equals(imageOwnerId);
  }
}
