package amicatalog.exposure;

import amicatalog.db.Dialect;
import amicatalog.db.Database;
import amicatalog.image.LaunchGrantee;
import amicatalog.image.Sharing;
import java.util.List;

/**
 * The images the catalog's accounts own whose launch permissions reach outside them (public, or
 * shared with an account, organization or unit that is not the catalog's), per account and region,
 * with each region's image block public access state: as the last sync read them.
 */
record Exposure(int read, List<Image> exposed, List<Blocking> blocking, Sharing.Insiders insiders) {

  /** An owned image with its grants that reach outside; {@code error}: why its last read failed (the grants are older). */
  record Image(long id, String ownerId, String region, String imageId, String name, String readAt, String error,
      List<LaunchGrantee> outside) {

    boolean isPublic() {
      return outside.stream().anyMatch(g -> g.kind() == LaunchGrantee.Kind.PUBLIC);
    }

    String label() {
      return name == null ? imageId : name;
    }
  }

  /** A region's image block public access state in one account; {@code state} null when it could not be read. */
  record Blocking(String accountId, String region, String state, String error, String readAt) {}

  private record Read(long id, String ownerId, String region, String imageId, String name, String readAt, String error,
      String grantees) {}

  /** Everything, or one account's ({@code account} non-null). */
  static Exposure read(Database db, String account) {
    return db.read(h -> {
      Sharing.Insiders insiders = Sharing.Insiders.read(h);
      List<Read> reads = h.createQuery("""
              SELECT i.id, i.owner_id, i.region, i.image_id, i.name, r.read_at, r.error,
                     (SELECT %s FROM launch_permissions p WHERE p.image_row = i.id) AS grantees
              FROM launch_permission_reads r JOIN images i ON i.id = r.image_row
              WHERE i.removed_at IS NULL AND (CAST(:account AS text) IS NULL OR i.owner_id = :account)
              ORDER BY i.owner_id, i.region, i.name, i.image_id""".formatted(Dialect.of(h).jsonArrayOf("grantee")))
          .bind("account", account).mapTo(Read.class).list();
      List<Image> exposed = reads.stream().map(r -> new Image(r.id(), r.ownerId(), r.region(), r.imageId(), r.name(), r.readAt(),
              r.error(), outside(r.grantees(), insiders)))
          .filter(i -> !i.outside().isEmpty()).toList();
      List<Blocking> blocking = h.createQuery("""
              SELECT account_id, region, state, error, read_at FROM block_public_access
              WHERE CAST(:account AS text) IS NULL OR account_id = :account ORDER BY account_id, region""")
          .bind("account", account).mapTo(Blocking.class).list();
      return new Exposure(reads.size(), exposed, blocking, insiders);
    });
  }

  /** The grants of a JSON list that reach outside, public first. */
  private static List<LaunchGrantee> outside(String grantees, Sharing.Insiders insiders) {
    List<LaunchGrantee> outside = new java.util.ArrayList<>();
    amicatalog.common.Json.read(grantees).forEach(g -> {
      LaunchGrantee grantee = new LaunchGrantee(g.asText());
      if (insiders.outside(grantee)) outside.add(grantee);
    });
    outside.sort(java.util.Comparator.comparing((LaunchGrantee g) -> g.kind() != LaunchGrantee.Kind.PUBLIC)
        .thenComparing(LaunchGrantee::value));
    return outside;
  }

  /** The state of the image's region in its owner's account, or null when not read. */
  Blocking blockingOf(Image image) {
    return blocking.stream().filter(b -> b.accountId().equals(image.ownerId()) && b.region().equals(image.region()))
        .findFirst().orElse(null);
  }
}
