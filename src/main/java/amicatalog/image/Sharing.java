package amicatalog.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** Who may launch one owned image, as the last sync read its launch permissions; and who is inside. */
public record Sharing(List<LaunchGrantee> grantees, String readAt, String error, Insiders insiders) {

  /** The catalog's accounts (id → label, null when none) and Organizations: sharing with them stays inside. */
  public record Insiders(Map<String, String> labels, Set<String> organizationIds) {

    public static Insiders read(Handle h) {
      Map<String, String> labels = new LinkedHashMap<>();
      Set<String> organizations = new TreeSet<>();
      h.createQuery("SELECT id, label, organization_id FROM accounts ORDER BY id").map((rs, ctx) -> {
        labels.put(rs.getString("id"), rs.getString("label"));
        if (rs.getString("organization_id") != null) organizations.add(rs.getString("organization_id"));
        return null;
      }).list();
      return new Insiders(labels, organizations);
    }

    public boolean outside(LaunchGrantee g) {
      return g.outside(labels.keySet(), organizationIds);
    }

    public String label(LaunchGrantee g) {
      return g.label(labels);
    }

    /** "golden-images (111111111111)", or the id alone. */
    public String account(String id) {
      String label = labels.get(id);
      return label == null || label.isBlank() ? id : label + " (" + id + ")";
    }
  }

  /**
   * The image's launch permissions as last read, labelled by the catalog's accounts ({@code insiders});
   * empty when they never were (not owned, or not synced since).
   */
  public static Optional<Sharing> of(Handle h, long imageRow, Insiders insiders) {
    record Read(String readAt, String error) {}
    Optional<Read> read = h.createQuery("SELECT read_at, error FROM launch_permission_reads WHERE image_row = ?").bind(0, imageRow)
        .map((rs, ctx) -> new Read(rs.getString("read_at"), rs.getString("error"))).findOne();
    if (read.isEmpty()) return Optional.empty();
    List<LaunchGrantee> grantees = h.createQuery("SELECT grantee FROM launch_permissions WHERE image_row = ? ORDER BY grantee = 'all' DESC, grantee")
        .bind(0, imageRow).mapTo(String.class).map(LaunchGrantee::new).list();
    return Optional.of(new Sharing(grantees, read.get().readAt(), read.get().error(), insiders));
  }

  public boolean isPublic() {
    return grantees.stream().anyMatch(g -> g.kind() == LaunchGrantee.Kind.PUBLIC);
  }

  /** The grants that reach outside the catalog's accounts and Organization (public among them). */
  public List<LaunchGrantee> outside() {
    return grantees.stream().filter(insiders::outside).toList();
  }
}
