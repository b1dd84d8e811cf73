package amicatalog.actions;

import amicatalog.aws.Account;
import amicatalog.db.Database;
import io.javalin.http.BadRequestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which of the catalog's accounts may act on an image (launch it, copy it, create an image in its
 * region): those that see it. An image some accounts see through their own listings (they own it,
 * or it is shared with them: image_sightings) may be acted on by those alone; a public image, or one
 * no account's listing attributes (an import, a catalog from before accounts were recorded), by every
 * account the catalog lists. The default is the owner when it is one of the catalog's accounts,
 * else the first that can.
 */
public record ActingAccounts(List<Account> choices, Account chosen) {

  /** Whether there is a choice to offer (more than one account can act). */
  public boolean several() {
    return choices.size() > 1;
  }

  /**
   * The accounts that can act on the image in {@code region}, and the one {@code requested} (a form
   * field or query parameter; blank for the default). A requested account that is not one of the
   * catalog's, or that cannot see the image, is refused with a 400 that says which may.
   */
  public static ActingAccounts of(Database db, Changes changes, String region, String imageId, String ownerId, String requested) {
    List<Account> known = known(changes);
    Sighted sighted = db.read(h -> h.createQuery("""
            SELECT i.is_public OR i.category IN ('public', 'marketplace') AS public,
                   (SELECT %s FROM image_sightings WHERE image_row = i.id) AS accounts
            FROM images i WHERE i.region = ? AND i.image_id = ?""".formatted(db.dialect().jsonArrayOf("account_id")))
        .bind(0, region).bind(1, imageId)
        .map((rs, ctx) -> new Sighted(rs.getBoolean(1), Set.copyOf(texts(rs.getString(2)))))
        .findOne().orElse(new Sighted(false, Set.of())));
    List<Account> choices = new ArrayList<>();
    for (Account a : known) {
      if (sighted.isPublic() || sighted.accounts().isEmpty() || sighted.accounts().contains(a.id())) choices.add(a);
    }
    String asked = requested == null ? "" : requested.strip();
    if (asked.isEmpty()) {
      if (choices.isEmpty()) {
        throw new BadRequestResponse("None of the accounts this catalog lists can see image " + imageId + " in " + region
            + ", so none can act on it.");
      }
      Account chosen = choices.stream().filter(a -> a.id().equals(ownerId)).findFirst().orElse(choices.get(0));
      return new ActingAccounts(List.copyOf(choices), chosen);
    }
    if (known.stream().noneMatch(a -> a.id().equals(asked))) {
      throw new BadRequestResponse("Account “" + amicatalog.common.Text.cut(asked, 30) + "” is not one of the accounts this"
          + " catalog lists: choose one of " + names(choices) + ".");
    }
    Account chosen = choices.stream().filter(a -> a.id().equals(asked)).findFirst().orElseThrow(() -> new BadRequestResponse(
        "Account " + display(known, asked) + " cannot see image " + imageId + " in " + region + " (it neither owns it nor has it"
            + " shared with it), so it cannot act on it: choose " + (choices.isEmpty() ? "another image" : "one of " + names(choices)) + "."));
    return new ActingAccounts(List.copyOf(choices), chosen);
  }

  /**
   * The catalog's accounts; a 502 that says why when they cannot be known (STS could not tell the
   * credentials' own account), never a 500.
   */
  public static List<Account> known(Changes changes) {
    try {
      return changes.accounts();
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new io.javalin.http.HttpResponseException(io.javalin.http.HttpStatus.BAD_GATEWAY.getCode(),
          "The catalog cannot tell which AWS account to act in: " + amicatalog.common.Text.cut(String.valueOf(e.getMessage()), 200));
    }
  }

  private record Sighted(boolean isPublic, Set<String> accounts) {}

  private static List<String> texts(String json) {
    List<String> ids = new ArrayList<>();
    if (json != null) amicatalog.common.Json.read(json).forEach(n -> ids.add(n.asText()));
    return ids;
  }

  private static String names(List<Account> accounts) {
    return String.join(", ", accounts.stream().map(Account::display).toList());
  }

  private static String display(List<Account> known, String id) {
    return known.stream().filter(a -> a.id().equals(id)).findFirst().map(Account::display).orElse(id);
  }
}
